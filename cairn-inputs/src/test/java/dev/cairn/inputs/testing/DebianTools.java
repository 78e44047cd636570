package dev.cairn.inputs.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real Debian tools the integration tests compare against (dpkg-deb…), in a UTF-8 locale. */
public final class DebianTools {
    private DebianTools() {}

    /**
     * The command's stdout; fails with its stderr when it exits non-zero.
     *
     * @param scratch where its stderr is kept while it runs
     */
    public static String run(Path scratch, String... command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile(scratch, "stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectError(errors.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n"
                    + Files.readString(errors));
        }
        Files.delete(errors);
        return new String(output, StandardCharsets.UTF_8);
    }
}
