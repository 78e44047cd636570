package dev.cairn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The cairn main class in a process of its own, as a user runs it: its exit code and output. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(Map<String, String> environment, String... args) {
        return inDirectory(null, "022", environment, args);
    }

    /** Runs in {@code directory} (null: the test's) under {@code umask}, as a shell would. */
    static CliRun inDirectory(Path directory, String umask, Map<String, String> environment, String... args) {
        return wrapped(List.of(), directory, umask, environment, args);
    }

    /** Runs under {@code wrapper}, e.g. {@code unshare -n}: cairn in an empty network namespace. */
    static CliRun under(List<String> wrapper, Map<String, String> environment, String... args) {
        return wrapped(wrapper, null, "022", environment, args);
    }

    /** Starts cairn and returns at once: for a test that kills it. */
    static Process start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Cairn.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static CliRun wrapped(List<String> wrapper, Path directory, String umask, Map<String, String> environment,
            String... args) {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Cairn.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            return new CliRun(process.waitFor(), out, err.join());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
