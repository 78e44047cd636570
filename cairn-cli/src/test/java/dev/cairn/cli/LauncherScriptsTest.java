package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./cairn, ./run-tests and their helpers: shellcheck-clean, and the JDK search does what it says. */
class LauncherScriptsTest {
    private static final Path REACTOR = Path.of(System.getProperty("cairn.reactor", "..")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void everyShellScriptPassesShellcheck() throws Exception {
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x", "--severity=style"));
        command.addAll(List.of("cairn", "run-tests", ".ci/run"));
        try (Stream<Path> scripts = Stream.concat(Files.list(REACTOR.resolve("scripts")),
                Files.exists(REACTOR.resolve("bench")) ? Files.list(REACTOR.resolve("bench")) : Stream.empty())) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> command.add(REACTOR.relativize(p).toString()));
        }

        Result result = run(Map.of(), command.toArray(String[]::new));

        assertThat(result.output()).isEmpty();
        assertThat(result.exit()).isZero();
    }

    @Test
    void theNewestJdkOfRelease21OrLaterIsChosen() throws IOException {
        fakeJdk("java-17-openjdk-amd64", 17);
        fakeJdk("temurin-21-jdk-amd64", 21);
        fakeJdk("temurin-25-jdk-amd64", 25);

        Result newest = findJdk(Map.of("CAIRN_JVM_DIR", temp.toString()));
        Result explicit = findJdk(Map.of("CAIRN_JVM_DIR", temp.toString(),
                "JAVA_HOME", temp.resolve("temurin-21-jdk-amd64").toString()));
        Result tooOld = findJdk(Map.of("CAIRN_JVM_DIR", temp.toString(),
                "JAVA_HOME", temp.resolve("java-17-openjdk-amd64").toString()));

        assertThat(newest.output()).isEqualTo(temp.resolve("temurin-25-jdk-amd64") + "\n");
        assertThat(explicit.output()).isEqualTo(temp.resolve("temurin-21-jdk-amd64") + "\n");
        assertThat(tooOld.output()).isEqualTo(temp.resolve("temurin-25-jdk-amd64") + "\n");
    }

    @Test
    void withoutASuitableJdkItSaysWhatToInstall() throws IOException {
        fakeJdk("java-17-openjdk-amd64", 17);

        Result none = findJdk(Map.of("CAIRN_JVM_DIR", temp.toString(), "PATH", "/usr/bin:/bin",
                "JAVA_HOME", temp.resolve("java-17-openjdk-amd64").toString()));

        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.output()).contains("needs a JDK of release 21 or newer").contains("apt-get install");
    }

    private Result findJdk(Map<String, String> environment) {
        return run(environment, "bash", "-c", ". scripts/find-jdk.sh && cairn_find_jdk && echo \"$JAVA_HOME\"");
    }

    private void fakeJdk(String name, int release) throws IOException {
        Path home = Files.createDirectories(temp.resolve(name).resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Path file = Files.writeString(home.resolve(tool), "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(temp.resolve(name).resolve("release"), "JAVA_VERSION=\"" + release + ".0.1\"\n");
    }

    private record Result(int exit, String output) {}

    private static Result run(Map<String, String> environment, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(REACTOR.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " could not be run (./run-tests installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
