package dev.cairn.packaging.sandbox;

import dev.cairn.packaging.PackagingException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A build's command run directly on the host, with no isolation at all: what
 * {@code cairn build --no-sandbox} runs where bubblewrap cannot. Like a sandboxed build it gets
 * exactly {@code environment} (nothing of cairn's), umask 022, stdin from /dev/null and a
 * {@link SandboxResult}; unlike one, it sees the host's files and network, and a process it
 * leaves behind is not killed when cairn dies.
 *
 * @param command argv; a bare argv[0] is looked up on the environment's {@code PATH}
 * @param directory the working directory
 */
public record HostCommand(List<String> command, Map<String, String> environment, Path directory,
        Optional<Duration> timeout, int logTailLines) {
    public HostCommand {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (command.isEmpty() || command.getFirst().isEmpty()) {
            throw new PackagingException("a build needs a command", "give the builder program and its arguments");
        }
        if (!directory.isAbsolute()) {
            throw new PackagingException("the build directory " + directory + " is not an absolute path",
                    "give the build directory's absolute path");
        }
    }

    /** Runs the command to its end; its stdout and stderr go together, line by line, to {@code log}. */
    public SandboxResult run(Consumer<String> log) {
        // The same umask shell as the sandbox's, so files are created with the same modes.
        List<String> commandLine = new ArrayList<>(List.of(Sandbox.SHELL, "-c", Sandbox.UMASK_THEN_EXEC, "sh"));
        commandLine.addAll(command);
        return BuildProcess.run(commandLine, environment, Optional.of(directory), command.getFirst(), timeout, log,
                logTailLines);
    }
}
