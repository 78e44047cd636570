package dev.cairn.oci.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a tool the tests check against (skopeo), bounded in time, failing with its output. */
final class Processes {
    private Processes() {}

    static String run(Path workDirectory, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(workDirectory, "process-", ".out");
        Process process = new ProcessBuilder(List.of(command))
                .redirectErrorStream(false)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(workDirectory.resolve("process-errors.log").toFile()))
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 90 s");
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + out + "\n"
                    + Files.readString(workDirectory.resolve("process-errors.log"), StandardCharsets.UTF_8));
        }
        return out;
    }
}
