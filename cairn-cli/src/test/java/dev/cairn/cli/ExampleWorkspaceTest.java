package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.oci.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, on a copy of examples/: the image it builds runs under runc. */
@Tag("integration")
class ExampleWorkspaceTest {
    private static final Path REACTOR = Path.of(System.getProperty("cairn.reactor", "..")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void theExampleImageRunsUnderRunc() throws Exception {
        Path examples = copy(REACTOR.resolve("examples"), temp.resolve("examples"));
        Processes.ok("make", "-s", "-C", examples.toString());

        CliRun build = CliRun.run(TestWorkspace.environment(temp), "-C", examples.toString(), "build",
                "//hello/oci-images/hello");
        assertThat(build.exitCode()).as(build.err()).isZero();

        Path layout = examples.resolve("result/hello");
        Path bundle = temp.resolve("bundle");
        Processes.ok("umoci", "unpack", "--image", layout + ":latest", bundle.toString());
        Processes.runWithoutTerminal(bundle.resolve("config.json"));
        Processes.Result run = Processes.run("runc", "--root", temp.resolve("runc").toString(), "run", "--bundle",
                bundle.toString(), "cairn-example-" + ProcessHandle.current().pid());

        assertThat(run.output()).as(run.errors()).isEqualTo("hello, runc, from a cairn image\n");
        assertThat(run.exit()).isZero();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path relative = from.relativize(source);
                if (relative.startsWith("result") || relative.startsWith("cells/hello/bin")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
