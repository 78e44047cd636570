package dev.cairn.oci.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tools cairn's output is checked with (umoci, runc, skopeo, podman, make). */
public final class Processes {
    /** What a process printed: stdout and stderr apart, so stdout can be parsed. */
    public record Result(int exit, String output, String errors) {}

    private Processes() {}

    public static Result run(Path directory, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command));
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is not installed (./run-tests installs it)", e);
        }
        process.getOutputStream().close();
        java.util.concurrent.CompletableFuture<byte[]> errors = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8),
                new String(errors.join(), StandardCharsets.UTF_8));
    }

    /** Runs it and returns its stdout, or fails with everything it printed. */
    public static String ok(Path directory, String... command) throws IOException, InterruptedException {
        Result result = run(directory, command);
        if (result.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exit() + ":\n" + result.output()
                    + result.errors());
        }
        return result.output();
    }

    public static Result run(String... command) throws IOException, InterruptedException {
        return run(null, command);
    }

    public static String ok(String... command) throws IOException, InterruptedException {
        return ok(null, command);
    }

    /**
     * Makes an unpacked runtime bundle runnable by a test: umoci's config asks for a terminal
     * and raises RLIMIT_NOFILE; a test has no terminal, and sandboxed CI machines may refuse
     * the rlimit. Neither is the image's business.
     */
    public static void runWithoutTerminal(Path bundleConfig) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(bundleConfig.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode process =
                (com.fasterxml.jackson.databind.node.ObjectNode) root.get("process");
        process.put("terminal", false);
        process.remove("rlimits");
        json.writeValue(bundleConfig.toFile(), root);
    }
}
