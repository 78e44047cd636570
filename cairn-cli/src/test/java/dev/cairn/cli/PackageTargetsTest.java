package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.inputs.debian.pin.RequestSet;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Package targets, //cell/packages/NAME, as the verbs see them before the builders exist. */
class PackageTargetsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void listShowsPackagesWithTheirBuildAction() throws IOException {
        Path workspace = TestWorkspace.withPackages(temp.resolve("ws"));

        CliRun table = CliRun.run(TestWorkspace.environment(temp), "-C", workspace.toString(), "list");
        CliRun json = CliRun.run(TestWorkspace.environment(temp), "-C", workspace.toString(), "list", "--json");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines()).containsExactly(
                "TARGET                     ACTIONS",
                "//web/oci-images/other     build publish load",
                "//web/oci-images/site      build publish load",
                "//web/packages/bundle      build",
                "//web/packages/orders      build",
                "//web/packages/storefront  build");
        JsonNode rows = JSON.readTree(json.out());
        assertThat(rows).hasSize(5);
        assertThat(rows.get(3).get("target").asText()).isEqualTo("//web/packages/orders");
        assertThat(rows.get(3).get("actions")).extracting(JsonNode::asText).containsExactly("build");
        assertThat(rows.get(3).get("file").asText()).isEqualTo("cells/web/packages.pkl");
    }

    @Test
    void buildingAnUnlockedMavenPackageAsksForTheLock() throws IOException {
        Path workspace = TestWorkspace.withPackages(temp.resolve("ws"));

        CliRun build = CliRun.run(TestWorkspace.environment(temp), "-C", workspace.toString(), "build",
                "//web/packages/orders");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err())
                .contains("cairn: error: Debian packages openjdk-17-jdk-headless maven bash coreutils dash (amd64)"
                        + " are not pinned in cairn.lock")
                .contains("hint: run `cairn lock`").doesNotContain("\tat ");
        assertThat(workspace.resolve("result")).doesNotExist();
    }

    @Test
    void buildingAPackageWithAMissingReferenceNamesTheReferenceFirst() throws IOException {
        Path workspace = TestWorkspace.withPackages(temp.resolve("ws"));
        Path block = workspace.resolve("cells/web/packages.pkl");
        Files.writeString(block, Files.readString(block).replace("\"//web/packages/orders\"", "\"//web/packages/order\""));

        CliRun build = CliRun.run(TestWorkspace.environment(temp), "-C", workspace.toString(), "build",
                "//web/packages/bundle");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("cairn: error: //web/packages/bundle (cells/web/packages.pkl): input"
                + " //web/packages/order: no target //web/packages/order in workspace")
                .contains("did you mean //web/packages/orders?");
    }

    @Test
    void imageVerbsRefuseAPackage() throws IOException {
        Path workspace = TestWorkspace.withPackages(temp.resolve("ws"));

        CliRun load = CliRun.run(TestWorkspace.environment(temp), "-C", workspace.toString(), "load",
                "//web/packages/orders");

        assertThat(load.exitCode()).isEqualTo(1);
        assertThat(load.err()).contains("//web/packages/orders cannot be used with `cairn load`");
    }

    @Test
    void aPackageAsksForItsToolsAndItsDebianInputsForAmd64() throws IOException {
        Path root = TestWorkspace.withPackages(temp.resolve("ws"));

        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(DebianRequests.of(workspace.target(TargetAddress.parse("//web/packages/orders")))).containsExactly(
                    new RequestSet("amd64", List.of("openjdk-17-jdk-headless", "maven", "bash", "coreutils", "dash"),
                            List.of("//web/packages/orders")));
            assertThat(DebianRequests.of(workspace.target(TargetAddress.parse("//web/packages/storefront"))))
                    .containsExactly(new RequestSet("amd64", List.of("nodejs", "npm", "ca-certificates", "bash", "coreutils"),
                            List.of("//web/packages/storefront")));
            assertThat(DebianRequests.of(workspace.target(TargetAddress.parse("//web/packages/bundle"))))
                    .containsExactly(new RequestSet("amd64", List.of("zstd", "tar"), List.of("//web/packages/bundle")));
            assertThat(DebianRequests.of(workspace.target(TargetAddress.parse("//web/oci-images/site")))).isEmpty();
        }
    }

    @Test
    void theLockMustAnswerWhatPackagesAskFor() throws IOException {
        Path workspace = TestWorkspace.withPackages(temp.resolve("ws"));

        CliRun check = CliRun.run(TestWorkspace.environment(temp), "-C", workspace.toString(), "lock", "--check");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err().lines().filter(line -> line.startsWith("cairn: no locked closure"))).containsExactly(
                "cairn: no locked closure for tar zstd (amd64), asked for by //web/packages/bundle",
                "cairn: no locked closure for bash coreutils dash maven openjdk-17-jdk-headless (amd64), asked for by"
                        + " //web/packages/orders",
                "cairn: no locked closure for bash ca-certificates coreutils nodejs npm (amd64), asked for by //web/packages/storefront");
    }
}
