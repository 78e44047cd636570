package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.oci.testing.Processes;
import dev.cairn.oci.testing.RuncBundle;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hello example (a static program built by make), on a copy of examples/: its image runs under runc. */
@Tag("integration")
class ExampleWorkspaceTest {
    @TempDir
    Path temp;

    @Test
    void theExampleImageRunsUnderRunc() throws Exception {
        Path examples = ExampleWorkspaces.copy(temp.resolve("examples"));
        Processes.ok("make", "-s", "-C", examples.toString());

        CliRun build = CliRun.run(TestWorkspace.environment(temp), "-C", examples.toString(), "build",
                "//hello/oci-images/hello");
        assertThat(build.exitCode()).as(build.err()).isZero();

        RuncBundle bundle = RuncBundle.unpack(examples.resolve("result/hello"), "latest", temp.resolve("bundle"),
                temp.resolve("runc"));
        Processes.Result run = bundle.run();

        assertThat(run.output()).as(run.errors()).isEqualTo("hello, runc, from a cairn image\n");
        assertThat(run.exit()).isZero();
    }
}
