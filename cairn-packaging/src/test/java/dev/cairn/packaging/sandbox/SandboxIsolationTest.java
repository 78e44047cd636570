package dev.cairn.packaging.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build sees under the real bubblewrap: only what its spec declares. */
@Tag("integration")
class SandboxIsolationTest {
    private static final StorePath INPUT = StorePath.parse("0123456789abcdfghijklmnpqrsvwxyz-input");
    private static final StorePath UNDECLARED = StorePath.parse("1123456789abcdfghijklmnpqrsvwxyz-undeclared");
    private static final StorePath OUTPUT = StorePath.parse("2123456789abcdfghijklmnpqrsvwxyz-output");

    @TempDir
    Path temp;
    Path rootfs;
    Path store;
    Path build;
    Sandbox sandbox;

    @BeforeEach
    void layOut() throws IOException {
        sandbox = Sandbox.find(System.getenv("PATH"));
        rootfs = BusyboxRoot.create(temp.resolve("rootfs"));
        store = Files.createDirectories(temp.resolve("store"));
        Files.writeString(Files.createDirectories(store.resolve(INPUT.baseName())).resolve("data"), "declared\n");
        Files.writeString(Files.createDirectories(store.resolve(UNDECLARED.baseName())).resolve("data"), "secret\n");
        Files.createDirectories(store.resolve(OUTPUT.baseName()));
        build = Files.createDirectories(temp.resolve("build"));
    }

    private SandboxSpec spec(String script) {
        return spec(script, List.of());
    }

    /** The spec of a build running {@code script} with {@code arguments} as its $1, $2… */
    private SandboxSpec spec(String script, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        command.addAll(arguments);
        return SandboxSpec.of(build, command)
                .withRootfs(rootfs)
                .withInputs(List.of(new StoreMount(INPUT, store.resolve(INPUT.baseName()))))
                .withOutputs(List.of(new StoreMount(OUTPUT, store.resolve(OUTPUT.baseName()))))
                .withEnvironment(Map.of("out", OUTPUT.toString(), "input", INPUT.toString()))
                .withTimeout(Duration.ofMinutes(1));
    }

    /** Runs the build; its log, asserting it succeeded. */
    private List<String> succeeding(SandboxSpec spec) {
        Run run = Run.of(sandbox, spec);
        assertThat(run.result().exitCode()).as(String.join("\n", run.lines())).isZero();
        return run.lines();
    }

    @Test
    void theBuildSeesOnlyTheLoopbackInterface() {
        List<String> devices = succeeding(spec("cat /proc/net/dev"));

        assertThat(devices.stream().skip(2).map(line -> line.substring(0, line.indexOf(':')).trim()))
                .containsExactly("lo");
    }

    @Test
    void aServerOnTheHostsLoopbackIsUnreachableUnlessTheSpecAllowsNetwork() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "hello from the host\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            // No -T: busybox's wget crashes when given a timeout. Refusal is immediate anyway.
            String fetch = "wget -q -O - http://127.0.0.1:" + server.getAddress().getPort() + "/";

            Run isolated = Run.of(sandbox, spec(fetch));
            List<String> networked = succeeding(spec(fetch).withNetwork(Network.HOST));

            assertThat(isolated.result().exitCode()).isEqualTo(1);
            assertThat(isolated.lines()).containsExactly(
                    "wget: can't connect to remote host (127.0.0.1): Connection refused");
            assertThat(networked).containsExactly("hello from the host");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aNetworkedBuildReadsTheHostsResolvConfAndTlsTrustBesideTheRootFilesystemsEtc() throws IOException {
        List<String> etc = succeeding(spec("ls /etc; cat /etc/resolv.conf 2>/dev/null; touch /etc/x 2>&1 || true")
                .withNetwork(Network.HOST));

        List<String> expected = new ArrayList<>(List.of("group", "passwd"));
        Path hostResolvConf = Path.of("/etc/resolv.conf");
        if (Files.exists(hostResolvConf)) {
            expected.add("resolv.conf");
        }
        if (Files.exists(Path.of("/etc/ssl"))) {
            expected.add("ssl");
        }
        if (Files.exists(hostResolvConf)) {
            expected.addAll(Files.readAllLines(hostResolvConf));
        }
        expected.add("touch: /etc/x: Read-only file system");
        assertThat(etc).containsExactlyElementsOf(expected);
    }

    @Test
    void hostFilesAndUndeclaredStoreObjectsAreInvisible() throws IOException {
        // A user's ~/.m2/settings.xml, in a home of the test's own: the machine's ~/.m2 is shared.
        Path settings = Files.createDirectories(temp.resolve("home/.m2")).resolve("settings.xml");
        Files.writeString(settings, "<settings/>\n");
        List<Path> hostFiles = List.of(Path.of("/etc/hostname"), settings, Path.of(System.getProperty("user.home"), ".m2"),
                Path.of(System.getProperty("java.home"), "bin", "java"), Path.of("/usr/bin/java"), temp);
        assertThat(hostFiles).as("what the build probes exists on the host").allMatch(Files::exists);
        assertThat(store.resolve(UNDECLARED.baseName())).isDirectory();
        List<String> hostPaths = new ArrayList<>(hostFiles.stream().map(Path::toString).toList());
        hostPaths.add(UNDECLARED.toString());

        List<String> seen = succeeding(spec("""
                ls /; ls /cairn/store
                for f in "$@"; do
                  test -e "$f" && echo "visible: $f"
                done
                true""", hostPaths));

        assertThat(seen).containsExactly("bin", "build", "cairn", "dev", "etc", "proc", "tmp", "usr",
                INPUT.baseName(), OUTPUT.baseName());
    }

    @Test
    void inputsAreReadOnlyTheOutputAndBuildAreWritable() throws IOException {
        List<String> log = succeeding(spec("""
                cat "$input/data"
                touch "$input/new" 2>&1
                touch /cairn/store/new 2>&1
                echo built > "$out/result"
                echo scratch > /build/scratch
                echo ok""").withLogTailLines(10));

        assertThat(log).containsExactly("declared",
                "touch: " + INPUT + "/new: Read-only file system",
                "touch: /cairn/store/new: Read-only file system",
                "ok");
        Path result = store.resolve(OUTPUT.baseName()).resolve("result");
        assertThat(result).hasContent("built");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(result))).isEqualTo("rw-r--r--");
        assertThat(build.resolve("scratch")).hasContent("scratch");
        assertThat(store.resolve(INPUT.baseName())).isDirectoryNotContaining(path -> !path.endsWith("data"));
    }

    @Test
    void theEnvironmentIsExactlyTheSpecsAndTheFixedVariables() {
        SandboxSpec spec = SandboxSpec.of(build, List.of("env"))
                .withRootfs(rootfs)
                .withEnvironment(Map.of("out", OUTPUT.toString(), "GREETING", "hello, world"))
                .withPath("/usr/bin")
                .withSourceDateEpoch(1);

        Map<String, String> environment = new TreeMap<>();
        for (String line : succeeding(spec)) {
            environment.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }

        assertThat(environment).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "GREETING", "hello, world", "HOME", "/homeless-shelter", "LC_ALL", "C.UTF-8",
                "PATH", "/usr/bin", "PWD", "/build",
                "SOURCE_DATE_EPOCH", "1", "TMPDIR", "/tmp", "TZ", "UTC", "out", OUTPUT.toString())));
    }

    @Test
    void theBuildHasNoHomeAFixedUmaskAndHostnameAndAPidNamespace() {
        List<String> seen = succeeding(spec("""
                test -e "$HOME" && echo "$HOME exists"
                mkdir "$HOME" 2>&1
                umask
                hostname
                echo "pid $$"
                """));

        assertThat(seen).containsExactly(
                "mkdir: can't create directory '/homeless-shelter': Read-only file system", "0022", "cairn", "pid 2");
    }

    @Test
    void pidOneIsTheSandboxsOwnInitNotTheHosts() {
        List<String> seen = succeeding(spec("cat /proc/1/cmdline; echo; for p in /proc/[0-9]*; do echo \"$p\"; done"));

        assertThat(seen.getFirst()).startsWith(sandbox.bwrap().toString()).contains("--unshare-pid");
        // bubblewrap's init, the shell, and nothing of the host's.
        assertThat(seen.subList(1, seen.size())).containsExactly("/proc/1", "/proc/2");
    }
}
