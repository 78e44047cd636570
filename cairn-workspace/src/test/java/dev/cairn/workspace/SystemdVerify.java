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
        return run(List.of("bwrap", "--dev-bind", "/", "/", "--bind", store.toString(), "/cairn/store",
                "--", "systemd-analyze", "verify", "--man=no", unit.toString()), unit);
    }

    /**
     * {@code systemd-analyze verify} on a unit whose {@code RootDirectory=} is {@code root}, with
     * {@code store} bound at {@code root/cairn/store} as the unit's {@code BindReadOnlyPaths=/cairn/store}
     * has it. verify ignores {@code RootDirectory=} (it looks for {@code ExecStart} on the host), so it
     * runs with {@code --root=root}: then it looks where the service will, in the root directory.
     * {@code --root} also moves where verify loads units from, so the host's unit directories (the
     * targets the unit names) and the unit itself, at its own path, are bound into the root too.
     */
    static String verifyInRoot(Path unit, Path store, Path root) throws IOException, InterruptedException {
        String directory = unit.toAbsolutePath().getParent().toString();
        return run(List.of("bwrap", "--dev-bind", "/", "/",
                "--ro-bind", store.toString(), root + "/cairn/store",
                "--ro-bind", "/usr/lib/systemd", root + "/usr/lib/systemd",
                "--ro-bind-try", "/etc/systemd", root + "/etc/systemd",
                "--ro-bind", directory, root + directory,
                "--", "systemd-analyze", "verify", "--man=no", "--root=" + root, unit.toAbsolutePath().toString()), unit);
    }

    private static String run(List<String> command, Path unit) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
