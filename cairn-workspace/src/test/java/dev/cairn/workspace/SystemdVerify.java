package dev.cairn.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code systemd-analyze verify} on a rendered unit, with {@code store} bound at
 * {@code /cairn/store} (in a bwrap mount namespace), so that it finds the unit's {@code ExecStart}
 * as a host with cairn's store would have it. systemd need not be PID 1 for this.
 */
final class SystemdVerify {
    private SystemdVerify() {}

    /** What {@code systemd-analyze verify} printed (nothing when the unit is clean), or its failure. */
    static String verify(Path unit, Path store) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("bwrap", "--dev-bind", "/", "/", "--bind", store.toString(),
                "/cairn/store", "--", "systemd-analyze", "verify", "--man=no", unit.toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("systemd-analyze verify " + unit + " did not finish in 60 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("systemd-analyze verify " + unit + " exited " + process.exitValue() + ":\n" + output);
        }
        return output;
    }

    /** A store holding an executable script at {@code script} (a {@code /cairn/store/…} path): what a unit runs. */
    static Path storeWith(Path directory, String script) throws IOException {
        Path file = directory.resolve(script.substring("/cairn/store/".length()));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/bash\nexit 0\n");
        file.toFile().setExecutable(true);
        return directory;
    }
}
