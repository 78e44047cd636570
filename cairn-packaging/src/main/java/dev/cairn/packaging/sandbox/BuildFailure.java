package dev.cairn.packaging.sandbox;

import dev.cairn.packaging.PackagingException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message for a build that failed: what failed, how, and the end of its log, which is
 * usually where the reason is. The sandbox only reports an exit code; callers decide that a
 * non-zero one is an error and use this to say so.
 */
public final class BuildFailure {
    /** The status a POSIX shell exits with when it cannot find a command. */
    static final int COMMAND_NOT_FOUND = 127;
    /** bash ("bash: line 3: make: command not found"), dash ("sh: 1: make: not found"), busybox ("sh: make: not found"). */
    private static final Pattern SHELL_NOT_FOUND = Pattern.compile(
            "^.*?: (?:line [0-9]+: |[0-9]+: )?([^\\s:]+): (?:command )?not found$");
    /** bubblewrap, when the build's own program is missing: "bwrap: execvp gcc: No such file or directory". */
    private static final Pattern BWRAP_NOT_FOUND = Pattern.compile("^bwrap: execvp ([^\\s:]+): No such file or directory$");

    private BuildFailure() {}

    /**
     * The command a failed build could not find, when that is why it failed: the shell's exit
     * status 127 with its "not found" line, or bubblewrap unable to start the build's program.
     * The last such line of the log names it.
     */
    public static Optional<String> missingCommand(SandboxResult result) {
        if (result.succeeded() || result.timedOut()) {
            return Optional.empty();
        }
        Optional<String> found = Optional.empty();
        for (String line : result.logTail()) {
            Matcher bwrap = BWRAP_NOT_FOUND.matcher(line);
            Matcher shell = SHELL_NOT_FOUND.matcher(line);
            if (bwrap.matches()) {
                found = Optional.of(bwrap.group(1));
            } else if (result.exitCode() == COMMAND_NOT_FOUND && shell.matches()) {
                found = Optional.of(shell.group(1));
            }
        }
        return found;
    }

    /**
     * E.g. "build of hello-1.0 failed with exit code 2; the last 3 lines of its log:" and the
     * lines; a build that failed for want of a command names the command.
     */
    public static String message(String build, SandboxResult result) {
        StringBuilder message = new StringBuilder("build of ").append(build);
        if (result.timedOut()) {
            message.append(" was killed after running ").append(seconds(result.elapsed())).append(", past its timeout");
        } else {
            message.append(" failed with exit code ").append(result.exitCode());
            missingCommand(result).ifPresent(command -> message.append(": it runs `").append(command)
                    .append("`, which is not in its sandbox"));
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
