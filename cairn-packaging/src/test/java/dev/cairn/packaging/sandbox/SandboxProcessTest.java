package dev.cairn.packaging.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.packaging.PackagingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How a sandboxed build ends: its exit code, its timeout, and its death with cairn. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a build outliving its kill would otherwise hang the run
class SandboxProcessTest {
    @TempDir
    Path temp;
    Path rootfs;
    Path build;
    Sandbox sandbox;

    @BeforeEach
    void layOut() throws IOException {
        sandbox = Sandbox.find(System.getenv("PATH"));
        rootfs = BusyboxRoot.create(temp.resolve("rootfs"));
        build = Files.createDirectories(temp.resolve("build"));
    }

    @Test
    void theExitCodeAndTheEndOfTheLogPassThrough() {
        SandboxSpec spec = SandboxSpec.of(build, List.of("sh", "-c", "echo compiling; echo 'error: no' >&2; exit 3"))
                .withRootfs(rootfs);

        Run run = Run.of(sandbox, spec);

        assertThat(run.result().exitCode()).isEqualTo(3);
        assertThat(run.result().timedOut()).isFalse();
        assertThat(run.lines()).containsExactly("compiling", "error: no");
        assertThat(BuildFailure.message("demo", run.result())).isEqualTo("""
                build of demo failed with exit code 3; the last 2 lines of its log:
                  | compiling
                  | error: no""");
    }

    @Test
    void aCommandMissingFromTheRootFilesystemFailsWithBubblewrapsMessage() {
        Run run = Run.of(sandbox, SandboxSpec.of(build, List.of("gcc", "hello.c")).withRootfs(rootfs));

        assertThat(run.result().exitCode()).isNotZero();
        assertThat(run.result().logTail()).singleElement().asString().contains("gcc");
        assertThat(BuildFailure.missingCommand(run.result())).contains("gcc");
    }

    @Test
    void aBuildPastItsTimeoutIsKilledWithEveryProcessInIt() throws Exception {
        String marker = marker();
        SandboxSpec spec = SandboxSpec.of(build, List.of("sh", "-c", "sleep " + marker + " & sleep " + marker))
                .withRootfs(rootfs)
                .withTimeout(Duration.ofSeconds(1));

        Run run = Run.of(sandbox, spec);

        assertThat(run.result().timedOut()).isTrue();
        assertThat(run.result().succeeded()).isFalse();
        assertThat(run.result().elapsed()).isLessThan(Duration.ofSeconds(30));
        awaitNoProcess(marker);
    }

    @Test
    void killingCairnKillsTheBuild() throws Exception {
        String marker = marker();
        Process cairn = SandboxInAnotherProcess.start(build, rootfs,
                List.of("sh", "-c", "echo started; sleep " + marker + " & exec sleep " + marker));
        BufferedReader output =
                new BufferedReader(new InputStreamReader(cairn.getInputStream(), StandardCharsets.UTF_8));
        assertThat(output.readLine()).isEqualTo("started");
        assertThat(processesWith(marker)).isNotEmpty();

        cairn.destroyForcibly();
        assertThat(cairn.waitFor(30, TimeUnit.SECONDS)).isTrue();

        awaitNoProcess(marker);
    }

    @Test
    void missingBubblewrapIsAnErrorSayingHowToInstallIt() {
        assertThatThrownBy(() -> Sandbox.find("/nonexistent:" + temp))
                .isInstanceOf(PackagingException.class)
                .hasMessage("bubblewrap (bwrap) is not on PATH (/nonexistent:" + temp
                        + "); cairn runs every build in its sandbox")
                .extracting(e -> ((PackagingException) e).hint())
                .isEqualTo("install bubblewrap: apt-get install bubblewrap");
    }

    /** A sleep length no other process on the machine has on its command line. */
    private static String marker() {
        return Long.toString(900_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L));
    }

    private static List<ProcessHandle> processesWith(String marker) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(marker))
                .toList();
    }

    /** SIGKILL reaches the sandbox's processes a moment after bubblewrap's. */
    private static void awaitNoProcess(String marker) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!processesWith(marker).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        List<ProcessHandle> left = processesWith(marker);
        left.forEach(ProcessHandle::destroyForcibly); // a failing run leaves nothing on the machine
        assertThat(left).as("processes left behind").isEmpty();
    }
}
