package dev.cairn.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs Nix's own tools, the reference cairn's store is checked against. */
final class NixTools {
    private NixTools() {}

    static byte[] dump(Path path) throws IOException, InterruptedException {
        return run(Map.of(), "nix-store", "--dump", path.toString());
    }

    static String hashBase32(Path path) throws IOException, InterruptedException {
        return text(run(Map.of(), "nix-hash", "--type", "sha256", "--base32", path.toString()));
    }

    static String fixedSourcePath(NarHash hash, String name) throws IOException, InterruptedException {
        return text(run(Map.of("NIX_STORE_DIR", StorePath.STORE_DIR),
                "nix-store", "--print-fixed-path", "--recursive", "sha256", hash.base32(), name));
    }

    private static String text(byte[] output) {
        return new String(output, StandardCharsets.UTF_8).trim();
    }

    private static byte[] run(Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is not installed: apt-get install nix-bin (./run-tests does)", e);
        }
        process.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
        }
        return out.toByteArray();
    }
}
