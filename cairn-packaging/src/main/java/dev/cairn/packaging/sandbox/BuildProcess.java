package dev.cairn.packaging.sandbox;

import dev.cairn.packaging.PackagingException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one build's command line to its end, on a platform thread of its own.
 *
 * <p>Why a thread of its own: bubblewrap's {@code --die-with-parent} is the kernel's
 * parent-death signal, which fires when the <em>thread</em> that started the process ends, not
 * the JVM. Started from a pooled or virtual thread's carrier that later retires, the build
 * would be killed mid-way; this thread starts the process and lives until it has exited.
 */
final class BuildProcess {
    private final List<String> commandLine;
    private final Map<String, String> environment;
    private final Optional<Path> directory;
    private final String description;
    private final BuildLog log;
    private final CompletableFuture<Process> started = new CompletableFuture<>();
    private volatile int exitCode;
    private volatile Throwable failure;

    private BuildProcess(List<String> commandLine, Map<String, String> environment, Optional<Path> directory,
            String description, BuildLog log) {
        this.commandLine = commandLine;
        this.environment = environment;
        this.directory = directory;
        this.description = description;
        this.log = log;
    }

    /**
     * Runs {@code commandLine} with exactly {@code environment}, in {@code directory} (else cairn's),
     * its output (stdout and stderr together) going line by line to {@code sink}.
     */
    static SandboxResult run(List<String> commandLine, Map<String, String> environment, Optional<Path> directory,
            String description, Optional<Duration> timeout, Consumer<String> sink, int tailLines) {
        BuildProcess build = new BuildProcess(commandLine, Map.copyOf(environment), directory, description,
                new BuildLog(sink, tailLines));
        Thread thread = Thread.ofPlatform().name("cairn-build").unstarted(build::launch);
        long start = System.nanoTime();
        thread.start();
        boolean timedOut = false;
        try {
            if (timeout.isPresent()) {
                thread.join(timeout.get());
                timedOut = thread.isAlive() && build.kill();
            }
            thread.join();
        } catch (InterruptedException e) {
            build.kill();
            joinUninterruptibly(thread);
            Thread.currentThread().interrupt();
            throw new PackagingException("the build " + description + " was interrupted and has been killed",
                    "run the build again", e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (build.failure != null) {
            throw build.failureException();
        }
        return new SandboxResult(build.exitCode, timedOut, elapsed, build.log.tail());
    }

    private void launch() {
        Process process = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(commandLine)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // bubblewrap needs no environment; clearing it keeps cairn's out of the build even
            // if the sandbox's own --clearenv were ever dropped.
            builder.environment().clear();
            builder.environment().putAll(environment);
            directory.ifPresent(path -> builder.directory(path.toFile()));
            process = builder.start();
            started.complete(process);
            try (InputStream output = process.getInputStream()) {
                log.readAll(output);
            }
            exitCode = process.waitFor();
        } catch (Throwable e) {
            failure = e;
            started.complete(process);
            if (process != null) {
                process.destroyForcibly();
                waitQuietly(process);
            }
        }
    }

    /**
     * SIGKILL to bubblewrap; its sandbox's init and every build process die with it
     * ({@code --die-with-parent}, and the end of the PID namespace). A build run on the host has
     * no such namespace, so its descendants are killed first, each of them. Says whether it was running.
     */
    private boolean kill() {
        try {
            Process process = started.get();
            boolean running = process != null && process.isAlive();
            if (running) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false; // never completed exceptionally
        }
    }

    private PackagingException failureException() {
        if (failure instanceof PackagingException packaging) {
            return packaging;
        }
        if (failure instanceof IOException) {
            return new PackagingException("cannot start the build " + description + ": " + failure.getMessage(),
                    "check that " + commandLine.getFirst() + " and bubblewrap can run here", failure);
        }
        return new PackagingException("the build " + description + " failed in cairn: " + failure,
                "this is a bug in cairn or in the code reading the build's log", failure);
    }

    private static void waitQuietly(Process process) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
