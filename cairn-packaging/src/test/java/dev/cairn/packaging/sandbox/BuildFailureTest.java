package dev.cairn.packaging.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed build is worded for a person: what failed, how, and the end of its log. */
class BuildFailureTest {
    @Test
    void theFailureMessageSaysHowTheBuildEndedAndShowsTheTail() {
        SandboxResult failed = new SandboxResult(2, false, Duration.ofMillis(1500),
                List.of("cc: error", "make: *** [all] Error 1"));
        SandboxResult killed = new SandboxResult(137, true, Duration.ofMillis(60_000), List.of());

        assertThat(BuildFailure.message("hello-1.0", failed)).isEqualTo("""
                build of hello-1.0 failed with exit code 2; the last 2 lines of its log:
                  | cc: error
                  | make: *** [all] Error 1""");
        assertThat(BuildFailure.message("hello-1.0", killed))
                .isEqualTo("build of hello-1.0 was killed after running 60.0 s, past its timeout; it printed nothing");
        assertThat(BuildFailure.exception("hello-1.0", failed, "read the log").hint()).isEqualTo("read the log");
        assertThat(failed.succeeded()).isFalse();
        assertThat(killed.succeeded()).isFalse();
    }

    @Test
    void aCommandTheShellCannotFindIsNamedInTheMessage() {
        SandboxResult bash = failed(127, "compiling", "bash: line 2: make: command not found");
        SandboxResult dash = failed(127, "sh: 1: gcc: not found");
        SandboxResult busybox = failed(127, "sh: cc: not found");
        SandboxResult bwrap = failed(1, "bwrap: execvp python3: No such file or directory");

        assertThat(BuildFailure.missingCommand(bash)).contains("make");
        assertThat(BuildFailure.missingCommand(dash)).contains("gcc");
        assertThat(BuildFailure.missingCommand(busybox)).contains("cc");
        assertThat(BuildFailure.missingCommand(bwrap)).contains("python3");
        assertThat(BuildFailure.message("hello-1.0", bash)).isEqualTo("""
                build of hello-1.0 failed with exit code 127: it runs `make`, which is not in its sandbox; \
                the last 2 lines of its log:
                  | compiling
                  | bash: line 2: make: command not found""");
    }

    @Test
    void aNotFoundLineOfABuildThatFailedOtherwiseNamesNoCommand() {
        // A test's output saying "not found" when the build failed for another reason (exit code 1).
        SandboxResult tests = failed(1, "GET /missing: not found", "Tests failed: 1");
        SandboxResult succeeded = new SandboxResult(0, false, Duration.ZERO, List.of("sh: 1: tput: not found"));

        assertThat(BuildFailure.missingCommand(tests)).isEmpty();
        assertThat(BuildFailure.missingCommand(succeeded)).isEmpty();
        assertThat(BuildFailure.message("hello-1.0", tests)).startsWith("build of hello-1.0 failed with exit code 1; ");
    }

    private static SandboxResult failed(int exitCode, String... tail) {
        return new SandboxResult(exitCode, false, Duration.ofMillis(10), List.of(tail));
    }
}
