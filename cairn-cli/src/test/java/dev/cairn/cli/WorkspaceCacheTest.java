package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verbs keep evaluated workspace modules under {@code $CAIRN_CACHE/pkl}, and see every edit. */
class WorkspaceCacheTest {
    @TempDir
    Path temp;

    @Test
    void evaluatedModulesAreKeptUnderTheCacheAndAnEditIsSeen() throws IOException {
        Path workspace = TestWorkspace.create(temp.resolve("ws"));
        Map<String, String> environment = TestWorkspace.environment(temp);

        CliRun cold = CliRun.run(environment, "-C", workspace.toString(), "list");
        CliRun warm = CliRun.run(environment, "-C", workspace.toString(), "list");

        assertThat(cold.exitCode()).as(cold.err()).isZero();
        assertThat(warm.out()).isEqualTo(cold.out()).contains("//web/oci-images/site");
        assertThat(entries(temp.resolve("cache/pkl"))).isNotEmpty();

        Path block = workspace.resolve("cells/web/oci-images.pkl");
        Files.writeString(block, Files.readString(block).replace("[\"other\"]", "[\"renamed\"]"));
        CliRun edited = CliRun.run(environment, "-C", workspace.toString(), "list");

        assertThat(edited.out()).contains("//web/oci-images/renamed").doesNotContain("//web/oci-images/other");
    }

    @Test
    void aCacheThatCannotBeWrittenChangesNothing() throws IOException {
        Path workspace = TestWorkspace.create(temp.resolve("ws"));
        Path notADirectory = Files.writeString(temp.resolve("cache"), "a file where the cache would be");

        CliRun list = CliRun.run(Map.of("CAIRN_STORE", temp.resolve("store").toString(),
                "CAIRN_CACHE", notADirectory.toString()), "-C", workspace.toString(), "list");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("//web/oci-images/site");
        assertThat(list.err()).doesNotContain("cairn:"); // no error, no warning of its own
    }

    private static java.util.List<Path> entries(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
