package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list, build and load on a workspace, in a process of their own as a user runs them. */
class ImageVerbsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void listShowsEveryTargetWithItsActions() throws IOException {
        Path workspace = TestWorkspace.create(temp.resolve("ws"));

        CliRun table = CliRun.run(TestWorkspace.environment(temp), "-C", workspace.toString(), "list");
        CliRun json = CliRun.inDirectory(workspace.resolve("cells/web/files"), "022", TestWorkspace.environment(temp),
                "list", "--json");

        assertThat(table.out().lines()).containsExactly("TARGET                  ACTIONS",
                "//web/oci-images/other  build publish load", "//web/oci-images/site   build publish load");
        JsonNode rows = JSON.readTree(json.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("target").asText()).isEqualTo("//web/oci-images/site");
        assertThat(rows.get(1).get("actions")).extracting(JsonNode::asText).containsExactly("build", "publish", "load");
    }

    @Test
    void buildWritesALayoutByDefaultAndPrintsTheDigestLast() throws IOException {
        Path workspace = TestWorkspace.create(temp.resolve("ws"));

        CliRun build = CliRun.run(TestWorkspace.environment(temp), "-C", workspace.toString(), "build",
                "//web/oci-images/site");

        assertThat(build.exitCode()).as(build.err()).isZero();
        String digest = build.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        Path layout = workspace.resolve("result/site");
        assertThat(layout.resolve("oci-layout")).isRegularFile();
        assertThat(layout.resolve("blobs/sha256").resolve(digest.substring(7))).isRegularFile();
        assertThat(Files.readString(layout.resolve("index.json"))).contains(digest);
    }

    @Test
    void buildsFromDifferentDirectoriesTimesUmasksAndZonesGiveTheSameDigest() throws IOException {
        Path first = TestWorkspace.create(temp.resolve("a/ws"), FileTime.fromMillis(1_500_000_000_000L));
        Path second = TestWorkspace.create(temp.resolve("b/deeper/elsewhere"), FileTime.fromMillis(1_750_000_000_000L));
        Map<String, String> utc = with(TestWorkspace.environment(temp.resolve("one")), "TZ", "UTC");
        Map<String, String> tokyo = with(TestWorkspace.environment(temp.resolve("two")), "TZ", "Asia/Tokyo");

        for (String format : List.of("oci", "oci-archive", "docker-archive")) {
            CliRun one = CliRun.inDirectory(first, "022", utc, "build", "//web/oci-images/site", "--format", format,
                    "--out", temp.resolve("out-1-" + format).toString());
            CliRun two = CliRun.inDirectory(second, "077", tokyo, "build", "//web/oci-images/site", "--format", format,
                    "--out", temp.resolve("out-2-" + format).toString());

            assertThat(one.exitCode()).as(one.err()).isZero();
            assertThat(two.out()).as(format).isEqualTo(one.out());
            if (!format.equals("oci")) {
                assertThat(Files.readAllBytes(temp.resolve("out-2-" + format)))
                        .as(format + " archives are byte-identical")
                        .isEqualTo(Files.readAllBytes(temp.resolve("out-1-" + format)));
            }
        }
    }

    @Test
    void zstdIsAChoiceThatChangesTheDigest() throws IOException {
        Path workspace = TestWorkspace.create(temp.resolve("ws"));
        Map<String, String> env = TestWorkspace.environment(temp);

        CliRun gzip = CliRun.run(env, "-C", workspace.toString(), "build", "//web/oci-images/site");
        CliRun zstd = CliRun.run(env, "-C", workspace.toString(), "build", "//web/oci-images/site",
                "--compression", "zstd", "--out", temp.resolve("zstd").toString());

        assertThat(zstd.exitCode()).as(zstd.err()).isZero();
        assertThat(zstd.out()).isNotEqualTo(gzip.out());
        assertThat(Files.readString(temp.resolve("zstd/index.json"))).contains("sha256:");
    }

    @Test
    void badInputGetsAClearMessageAndLeavesNoOutput() throws IOException {
        Path workspace = TestWorkspace.create(temp.resolve("ws"));
        Map<String, String> env = TestWorkspace.environment(temp);
        Path block = workspace.resolve("cells/web/oci-images.pkl");

        CliRun unknown = CliRun.run(env, "-C", workspace.toString(), "build", "//web/oci-images/sight");
        Files.delete(workspace.resolve("cells/web/files/server.sh"));
        CliRun missing = CliRun.run(env, "-C", workspace.toString(), "build", "//web/oci-images/site");
        Files.writeString(block, Files.readString(block).replace("ports { \"8080\" }", "ports { \"http\" }"));
        CliRun typeError = CliRun.run(env, "-C", workspace.toString(), "build", "//web/oci-images/site");
        CliRun outside = CliRun.run(env, "-C", temp.toString(), "list");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("did you mean //web/oci-images/site?").contains("hint:");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("//web/oci-images/site").contains("files/server.sh");
        assertThat(typeError.exitCode()).isEqualTo(1);
        assertThat(typeError.err()).contains("cells/web/oci-images.pkl:").contains("http");
        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.err()).contains("no cairn.pkl in");
        assertThat(workspace.resolve("result")).doesNotExist();
        for (CliRun run : List.of(unknown, missing, typeError, outside)) {
            assertThat(run.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void loadHandsTheImageToPodman() throws IOException {
        Path workspace = TestWorkspace.create(temp.resolve("ws"));
        Path storageConf = Files.writeString(temp.resolve("storage.conf"), """
                [storage]
                driver = "vfs"
                graphroot = "%s"
                runroot = "%s"
                """.formatted(temp.resolve("podman/root"), temp.resolve("podman/run")));
        Map<String, String> env = with(TestWorkspace.environment(temp), "CONTAINERS_STORAGE_CONF", storageConf.toString());

        CliRun load = CliRun.run(env, "-C", workspace.toString(), "load", "//web/oci-images/site");

        assertThat(load.exitCode()).as(load.err()).isZero();
        assertThat(load.out()).contains("localhost/site:latest");
        CliRun noEngine = CliRun.run(with(env, "PATH", "/nonexistent"), "-C", workspace.toString(), "load",
                "//web/oci-images/site");
        assertThat(noEngine.exitCode()).isEqualTo(1);
        assertThat(noEngine.err()).contains("neither podman nor docker").contains("apt-get install podman");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
