package dev.cairn.packaging.sandbox;

import java.time.Duration;
import java.util.List;

/**
 * How a sandboxed build ended.
 *
 * @param exitCode the build's exit code as bubblewrap passes it on (128 + n when killed by signal n)
 * @param timedOut whether the sandbox killed the build for running past the spec's timeout
 * @param elapsed how long the build ran
 * @param logTail the last lines of its output, at most the spec's {@code logTailLines}
 */
public record SandboxResult(int exitCode, boolean timedOut, Duration elapsed, List<String> logTail) {
    public SandboxResult {
        logTail = List.copyOf(logTail);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
