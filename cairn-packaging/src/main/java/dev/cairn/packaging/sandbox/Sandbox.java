package dev.cairn.packaging.sandbox;

import dev.cairn.packaging.PackagingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs builds under bubblewrap, each seeing only what its {@link SandboxSpec} declares (see
 * docs/packaging.md, "The sandbox"). Mechanism only: it reports how the build ended and leaves
 * deciding that a non-zero exit is an error to the caller ({@link BuildFailure} words it).
 */
public final class Sandbox {
    /** The host shell that sets the umask bubblewrap and the build inherit. */
    static final String SHELL = "/bin/sh";
    /**
     * bubblewrap 0.8 has no --umask; a umask set before exec is inherited through bwrap by the
     * build. "$@" is bwrap and its arguments, passed after the script's $0.
     */
    static final String UMASK_THEN_EXEC = "umask 022 && exec \"$@\"";

    private final Path bwrap;

    private Sandbox(Path bwrap) {
        this.bwrap = bwrap;
    }

    /** The sandbox using the {@code bwrap} found on {@code pathEnv}, a PATH-style list of directories. */
    public static Sandbox find(String pathEnv) {
        String path = pathEnv == null ? "" : pathEnv;
        for (String directory : path.split(":")) {
            // An empty entry would mean the current directory: never run a bwrap from there.
            if (directory.isEmpty() || !directory.startsWith("/")) {
                continue;
            }
            Path candidate = Path.of(directory, "bwrap");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new Sandbox(candidate);
            }
        }
        throw new PackagingException("bubblewrap (bwrap) is not on PATH (" + (path.isEmpty() ? "empty" : path)
                + "); cairn runs every build in its sandbox",
                "install bubblewrap: apt-get install bubblewrap");
    }

    /** The sandbox using the bubblewrap program at {@code bwrap}. */
    public static Sandbox at(Path bwrap) {
        return new Sandbox(bwrap.toAbsolutePath());
    }

    public Path bwrap() {
        return bwrap;
    }

    /** The whole host command line of the build: the umask shell, bwrap, its arguments, the command. */
    public List<String> commandLine(SandboxSpec spec) {
        List<String> commandLine = new ArrayList<>(List.of(SHELL, "-c", UMASK_THEN_EXEC, "sh", bwrap.toString()));
        commandLine.addAll(BwrapArguments.of(spec));
        return List.copyOf(commandLine);
    }

    /**
     * Runs the build and waits for it (or its timeout). Its stdout and stderr go together, line
     * by line, to {@code log}, which is called from a thread of cairn's own, one line at a time.
     */
    /**
     * Runs the command attached to cairn's own stdin, stdout and stderr, for a person at a
     * terminal (a dev shell); returns its exit code. The calling thread waits until the end, so
     * {@code --die-with-parent} holds.
     */
    public int runAttached(SandboxSpec spec) {
        try {
            Process process = new ProcessBuilder(commandLine(spec)).inheritIO().start();
            return process.waitFor();
        } catch (IOException e) {
            throw new PackagingException("cannot start " + bwrap + ": " + e.getMessage(),
                    "check that bubblewrap is installed and runnable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackagingException("interrupted while the shell ran", "run it again", e);
        }
    }

    public SandboxResult run(SandboxSpec spec, Consumer<String> log) {
        return BuildProcess.run(commandLine(spec), Map.of(), Optional.empty(), spec.command().getFirst(), spec.timeout(),
                log, spec.logTailLines());
    }
}
