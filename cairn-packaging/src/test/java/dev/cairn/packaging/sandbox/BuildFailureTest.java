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
}
