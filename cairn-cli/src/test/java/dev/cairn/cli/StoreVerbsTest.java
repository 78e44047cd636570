package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store verbs end to end, in a separate process, as a user would run them. */
class StoreVerbsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    Map<String, String> env;

    @BeforeEach
    void pointAtAFreshStore() {
        env = Map.of("CAIRN_STORE", temp.resolve("store").toString());
    }

    @Test
    void addPrintsTheStorePathAndJsonLikeNixPathInfo() throws IOException {
        Path source = Files.createDirectories(temp.resolve("hello/bin"));
        Files.writeString(source.resolve("hello"), "#!/bin/sh\necho hello\n");

        CliRun plain = CliRun.run(env, "store", "add", temp.resolve("hello").toString());
        CliRun json = CliRun.run(env, "store", "add", "--json", "--name", "hello-1.0", temp.resolve("hello").toString());

        assertThat(plain.exitCode()).isZero();
        assertThat(plain.out()).matches("/cairn/store/[0-9a-df-np-sv-z]{32}-hello\n");
        assertThat(json.exitCode()).isZero();
        JsonNode object = JSON.readTree(json.out());
        assertThat(object.get("path").asText()).endsWith("-hello-1.0");
        assertThat(object.get("narHash").asText()).matches("sha256:[0-9a-df-np-sv-z]{52}");
        assertThat(object.get("narSize").asLong()).isPositive();
        assertThat(object.get("references").isArray()).isTrue();
        assertThat(Path.of(object.get("physicalPath").asText())).isDirectory()
                .startsWith(temp.resolve("store"));
    }

    @Test
    void closureAndWhyFollowReferences() throws IOException {
        String lib = add("lib", "a library");
        String app = add("app", "#!/bin/sh\nexec " + lib + "\n");

        CliRun closure = CliRun.run(env, "store", "closure", app);
        CliRun why = CliRun.run(env, "store", "why", "--json", app, lib);
        CliRun notWhy = CliRun.run(env, "store", "why", lib, app);

        assertThat(closure.out().lines()).containsExactlyInAnyOrder(app, lib);
        assertThat(why.out()).contains(app).contains(lib);
        assertThat(notWhy.exitCode()).isEqualTo(1);
        assertThat(notWhy.err()).contains("is not in the closure of " + lib);
    }

    @Test
    void verifyNamesTheCorruptedObjectAndFails() throws IOException {
        String good = add("good", "fine");
        String bad = add("bad", "will be flipped");
        Path file = temp.resolve("store").resolve(bad.substring("/cairn/store/".length()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write('W');
        }

        CliRun verify = CliRun.run(env, "store", "verify");
        CliRun verifyGood = CliRun.run(env, "store", "verify", good);

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).contains("corrupted: " + bad).doesNotContain(good);
        assertThat(verify.out()).contains("2 checked, 1 corrupted");
        assertThat(verifyGood.exitCode()).isZero();
    }

    @Test
    void gcRemovesWhatNoRootKeepsAndReportsBytes() throws IOException {
        String kept = add("kept", "kept");
        String garbage = add("garbage", "twelve bytes");
        assertThat(CliRun.run(env, "store", "root", "add", "mine", kept).exitCode()).isZero();

        CliRun dryRun = CliRun.run(env, "gc", "--dry-run");
        CliRun gc = CliRun.run(env, "gc", "--json");

        assertThat(dryRun.out()).contains("would remove " + garbage).contains("12 B would be freed");
        JsonNode report = JSON.readTree(gc.out());
        assertThat(report.get("removed").get(0).asText()).isEqualTo(garbage);
        assertThat(report.get("bytesFreed").asLong()).isEqualTo(12);
        assertThat(CliRun.run(env, "store", "closure", kept).exitCode()).isZero();
        assertThat(CliRun.run(env, "store", "root", "list").out()).isEqualTo("mine -> " + kept + "\n");
    }

    @Test
    void badInputGetsAMessageAndAHintNotAStackTrace() throws IOException {
        CliRun missing = CliRun.run(env, "store", "add", temp.resolve("absent").toString());
        Path spaced = Files.writeString(temp.resolve("my file"), "x");
        CliRun badName = CliRun.run(env, "store", "add", spaced.toString());
        CliRun notAPath = CliRun.run(env, "store", "closure", "/usr/bin");
        CliRun unknownVerb = CliRun.run(env, "stor", "add");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains(temp.resolve("absent") + " does not exist").doesNotContain("\tat ");
        assertThat(badName.exitCode()).isEqualTo(1);
        assertThat(badName.err()).contains("contains ' '").contains("hint:").contains("--name");
        assertThat(notAPath.exitCode()).isEqualTo(1);
        assertThat(notAPath.err()).contains("not under /cairn/store");
        assertThat(unknownVerb.exitCode()).isEqualTo(2);
        assertThat(unknownVerb.err()).contains("Did you mean");
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun run = CliRun.run(env, "--debug", "store", "add", temp.resolve("absent").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("\tat dev.cairn.");
    }

    private String add(String name, String content) throws IOException {
        Path file = Files.writeString(temp.resolve("input-" + name), content);
        CliRun run = CliRun.run(env, "store", "add", "--name", name, file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().trim();
    }
}
