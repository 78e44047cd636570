package dev.cairn.packaging.sandbox;

import dev.cairn.packaging.PackagingException;
import java.time.Duration;

/**
 * The message for a build that failed: what failed, how, and the end of its log, which is
 * usually where the reason is. The sandbox only reports an exit code; callers decide that a
 * non-zero one is an error and use this to say so.
 */
public final class BuildFailure {
    private BuildFailure() {}

    /** E.g. "build of hello-1.0 failed with exit code 2; the last 3 lines of its log:" and the lines. */
    public static String message(String build, SandboxResult result) {
        StringBuilder message = new StringBuilder("build of ").append(build);
        if (result.timedOut()) {
            message.append(" was killed after running ").append(seconds(result.elapsed())).append(", past its timeout");
        } else {
            message.append(" failed with exit code ").append(result.exitCode());
        }
        if (result.logTail().isEmpty()) {
            return message.append("; it printed nothing").toString();
        }
        message.append("; the last ").append(result.logTail().size())
                .append(result.logTail().size() == 1 ? " line" : " lines").append(" of its log:");
        for (String line : result.logTail()) {
            message.append("\n  | ").append(line);
        }
        return message.toString();
    }

    public static PackagingException exception(String build, SandboxResult result, String hint) {
        return new PackagingException(message(build, result), hint);
    }

    private static String seconds(Duration elapsed) {
        return elapsed.toMillis() / 1000 + "." + elapsed.toMillis() % 1000 / 100 + " s";
    }
}
