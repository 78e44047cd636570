package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.operable.OperableManifest;
import dev.cairn.operable.OperableScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operables built and run for real: a command package built in the sandbox from locked Debian
 * tools (the offline mirror of the machine's apt data), its operable in the store, and
 * {@code cairn run} running the script in bubblewrap with the host's network.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperableRunTest {
    @TempDir
    static Path temp;

    private Path workspace;
    private Map<String, String> environment;
    private HttpServer server;

    @BeforeAll
    void lockAWorkspaceWithAnOperable() throws IOException {
        server = LoopbackServer.start();
        AptListsMirror mirror = AptListsMirror.build(temp.resolve("mirror"));
        workspace = writeWorkspace(temp.resolve("ws"), mirror, server.getAddress().getPort());
        environment = TestWorkspace.environment(temp);
        CliRun lock = cairn(Map.of(), "lock");
        assertThat(lock.exitCode()).as(lock.err()).isZero();
    }

    @AfterAll
    void stopTheServer() {
        server.stop(0);
    }

    @Test
    void theLockPinsTheOperablesDebianPackagesAndListShowsItsActions() throws IOException {
        String lock = Files.readString(workspace.resolve("cairn.lock"));
        assertThat(lock).containsPattern("\"request\" : \\[\\s*\"bash\"\\s*\\]");
        assertThat(cairn(Map.of(), "lock", "--check").exitCode()).isZero();

        CliRun list = cairn(Map.of(), "list");
        assertThat(list.out()).containsPattern("//tools/operables/greeter +build run");
    }

    @Test
    void buildingAnOperablePutsItsScriptAndDescriptionIntoTheStoreWithItsPackageInTheClosure() throws IOException {
        CliRun build = cairn(Map.of(), "build", "--json", "//tools/operables/greeter");

        assertThat(build.exitCode()).as(build.err()).isZero();
        String path = build.out().replaceAll("(?s).*\"path\" : \"(/cairn/store/[^\"]+)\".*", "$1");
        assertThat(path).matches("/cairn/store/[0-9a-z]{32}-operable-greeter");
        assertThat(build.out()).contains("-greeter-1.0\"").contains("-bash-5");
        Path object = temp.resolve("store").resolve(path.substring("/cairn/store/".length()));
        String script = Files.readString(object.resolve("bin/operable-greeter"));
        assertThat(script).startsWith("#!/bin/bash\n").contains("PORT=${PORT:-'8080'}")
                .containsPattern("export PATH='/cairn/store/[0-9a-z]{32}-greeter-1.0/bin:/usr/local/bin:/usr/bin:/bin'");
        OperableManifest manifest = OperableManifest.parse(
                Files.readString(object.resolve(OperableManifest.FILE)), "operable.json");
        assertThat(manifest.debianRequest()).containsExactly("bash");
        assertThat(manifest.livenessProbe()).hasValueSatisfying(probe ->
                assertThat(probe).matches("/cairn/store/[0-9a-z]{32}-operable-greeter-live/bin/operable-greeter-live"));
        assertThat(shellcheck(object.resolve("bin/operable-greeter"))).isEmpty();

        CliRun again = cairn(Map.of(), "build", "//tools/operables/greeter");
        assertThat(again.out().strip()).isEqualTo(path);
        CliRun roots = cairn(Map.of(), "store", "root", "list");
        assertThat(roots.out()).contains("operable-").contains(path);
    }

    @Test
    void runPassesTheDeclaredOptionsAndTheArgumentsAndNothingElse() {
        CliRun run = cairn(Map.of("WHO", "world", "GREETING", "Hi", "UNDECLARED", "secret"),
                "run", "//tools/operables/greeter", "--", "a", "b c");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Hi, world! port=8080 args=a|b c\n").doesNotContain("secret");
        List<String> exported = List.of(run.out().lines().toList().get(1).split(" "));
        assertThat(exported).contains("exported:", "GREETING", "PORT", "SERVER_PORT", "WHO")
                .doesNotContain("UNDECLARED", "CAIRN_STORE", "CAIRN_CACHE");
    }

    @Test
    void runHasTheHostsNetworkAndPassesTheExitCodeOn() {
        CliRun net = cairn(Map.of("WHO", "net"), "run", "//tools/operables/greeter", "--", "net");
        CliRun failing = cairn(Map.of("WHO", "x"), "run", "//tools/operables/greeter", "--", "fail");

        assertThat(net.exitCode()).as(net.err()).isZero();
        assertThat(net.out()).isEqualTo("reachable\n");
        assertThat(failing.exitCode()).isEqualTo(3);
    }

    @Test
    void aRequiredOptionLeftUnsetStopsTheOperableNamingIt() {
        CliRun run = cairn(Map.of(), "run", "//tools/operables/greeter");

        assertThat(run.exitCode()).isEqualTo(OperableScript.MISSING_OPTION_EXIT_CODE);
        assertThat(run.err()).contains("operable-greeter: WHO is required (whom to greet); set it in the environment");
        assertThat(run.out()).isEmpty();
    }

    private CliRun cairn(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extra);
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = workspace.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(env, all);
    }

    private static String shellcheck(Path script) {
        try {
            Process process = new ProcessBuilder("shellcheck", "--severity=style", "--norc", script.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("shellcheck could not be run; ./run-tests installs it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path writeWorkspace(Path root, AptListsMirror mirror, int port) throws IOException {
        Files.createDirectories(root.resolve("cells/tools/src"));
        MirrorWorkspace.writeCairnPkl(root, "operables", mirror);
        Files.writeString(root.resolve("cells/tools/src/greeter"), """
                #!/bin/bash
                if [ "${1:-}" = fail ]; then exit 3; fi
                IFS='|'
                echo "$GREETING, $WHO! port=$PORT args=$*"
                IFS=$'\\n'
                # shellcheck disable=SC2207 # bash alone: no other program is in the runtime closure
                names=($(compgen -e))
                IFS=' '
                echo "exported: ${names[*]}"
                """);
        Files.writeString(root.resolve("cells/tools/packages.pkl"), """
                amends "cairn:Packages"
                import "cairn:debian"

                packages {
                  ["greeter"] = new Command {
                    version = "1.0"
                    source = "src"
                    inputs { debian.packages(List("bash", "coreutils")) }
                    script = "mkdir -p $out/bin && cp greeter $out/bin/ && chmod 0755 $out/bin/greeter"
                  }
                }
                """);
        Files.writeString(root.resolve("cells/tools/operables.pkl"), """
                amends "cairn:Operables"

                operables {
                  ["greeter"] {
                    package = "//tools/packages/greeter"
                    runtimeEnv {
                      ["PORT"] { default = "8080"; description = "where to listen" }
                      ["GREETING"] = "Hello"
                      ["WHO"] { required = true; description = "whom to greet" }
                      ["SERVER_PORT"] = "%d"
                    }
                    runtimeScript = #\"""
                      if [ "${1:-}" = net ]; then
                        if (exec 3<>"/dev/tcp/127.0.0.1/$SERVER_PORT") 2>/dev/null; then echo reachable; else echo unreachable; fi
                        exit 0
                      fi
                      exec greeter "$@"
                      \"""#
                    livenessProbe { runtimeScript = "exec greeter probe" }
                  }
                }
                """.formatted(port));
        return root;
    }
}
