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

    /**
     * The launcher's class cache, with a JDK whose java only notes its arguments and writes the
     * files the JVM would: one cache per jar and verb, recorded by a verb's first run, made at its
     * second, used from then on, and dropped with the jar it was made for.
     */
    @Test
    void theClassCacheIsMadePerJarAndVerbAndGoesWithTheJar() throws IOException {
        Path checkout = launcherCheckout();
        Path jdk = loggingJdk("temurin-25-jdk-amd64", 25);
        Path cache = temp.resolve("cache");
        Map<String, String> environment = Map.of("JAVA_HOME", jdk.toString(), "CAIRN_CACHE", cache.toString());

        List<String> first = launch(checkout, environment, "-C", "ws", "build", "//a/packages/b");
        assertThat(first).hasSize(1);
        assertThat(first.getFirst()).contains("-XX:AOTMode=record").doesNotContain("-XX:AOTCache=")
                .containsPattern("-XX:AOTConfiguration=" + cache + "/jvm/cairn-[0-9]+-[0-9]+\\.[0-9]+-build\\.aotconf ");
        assertThat(jvmFiles(cache)).singleElement().asString().endsWith("-build.aotconf");

        List<String> second = launch(checkout, environment, "-C", "ws", "build", "//a/packages/b");
        assertThat(second).hasSize(2);
        assertThat(second.get(0)).contains("-XX:AOTMode=create").contains("-build.aotconf");
        assertThat(second.get(1)).containsPattern("-XX:AOTCache=\\S*-build\\.aot ").doesNotContain("AOTMode");
        assertThat(jvmFiles(cache)).singleElement().asString().endsWith("-build.aot");

        assertThat(launch(checkout, environment, "list").getFirst()).contains("-list.aotconf");
        assertThat(launch(checkout, environment, "--version").getFirst()).doesNotContain("AOT", "SharedArchive");
        assertThat(jvmFiles(cache)).hasSize(2);

        // A rebuilt jar: the archives made with the old one go, the verb starts again with a record.
        Files.writeString(checkout.resolve("cairn-cli/target/cairn.jar"), "a rebuilt jar, longer than before");
        assertThat(launch(checkout, environment, "build", "//a/packages/b").getFirst()).contains("-XX:AOTMode=record");
        assertThat(jvmFiles(cache)).singleElement().asString().endsWith("-build.aotconf");

        // Before JDK 25: the dynamic archive, per jar and verb as well.
        Path older = loggingJdk("temurin-21-jdk-amd64", 21);
        List<String> dynamic = launch(checkout, Map.of("JAVA_HOME", older.toString(), "CAIRN_CACHE", cache.toString()),
                "list");
        assertThat(dynamic.getFirst()).contains("-XX:+AutoCreateSharedArchive")
                .containsPattern("-XX:SharedArchiveFile=\\S*-list\\.jsa ");
    }

    /** A copy of the launcher and its helper beside a jar newer than every (absent) source. */
    private Path launcherCheckout() throws IOException {
        Path checkout = Files.createDirectories(temp.resolve("checkout"));
        Files.createDirectories(checkout.resolve("scripts"));
        Files.createDirectories(checkout.resolve("cairn-cli/target"));
        Files.copy(REACTOR.resolve("cairn"), checkout.resolve("cairn"));
        Files.copy(REACTOR.resolve("scripts/find-jdk.sh"), checkout.resolve("scripts/find-jdk.sh"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Files.setLastModifiedTime(checkout.resolve("pom.xml"), java.nio.file.attribute.FileTime.fromMillis(0));
        Files.writeString(checkout.resolve("cairn-cli/target/cairn.jar"), "a jar");
        return checkout;
    }

    /** A JDK whose java appends its arguments to {@code calls} and writes the AOT files it is asked for. */
    private Path loggingJdk(String name, int release) throws IOException {
        fakeJdk(name, release);
        Path java = temp.resolve(name).resolve("bin/java");
        Files.writeString(java, """
                #!/bin/sh
                echo "$* " >> "%s"
                for argument in "$@"; do
                  case $argument in
                    -XX:AOTConfiguration=*) configuration=${argument#*=} ;;
                    -XX:AOTCache=*) made=${argument#*=} ;;
                    -XX:AOTMode=*) mode=${argument#*=} ;;
                  esac
                done
                case ${mode:-} in
                  record) : > "$configuration" ;;
                  create) : > "$made" ;;
                esac
                exit 0
                """.formatted(temp.resolve("calls")));
        return temp.resolve(name);
    }

    /** The java commands one launch ran, one line each. */
    private List<String> launch(Path checkout, Map<String, String> environment, String... arguments) throws IOException {
        Files.deleteIfExists(temp.resolve("calls"));
        List<String> command = new ArrayList<>(List.of(checkout.resolve("cairn").toString()));
        command.addAll(List.of(arguments));
        Result result = run(environment, command.toArray(String[]::new));
        assertThat(result.exit()).as(result.output()).isZero();
        return Files.readAllLines(temp.resolve("calls"));
    }

    private static List<String> jvmFiles(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("jvm"))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
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
