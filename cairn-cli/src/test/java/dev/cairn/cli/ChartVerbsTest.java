package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.operable.OperableManifest;
import dev.cairn.packaging.derivation.MergedRootfs;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn render} and {@code cairn diff} for real: a command package built in the sandbox from
 * the offline mirror of the machine's apt data, its operable, its standard image, and a chart of it
 * with two environments. The digest the manifests pin is the one {@code cairn build} prints.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartVerbsTest {
    @TempDir
    static Path temp;

    private Path workspace;
    private Map<String, String> environment;

    @BeforeAll
    void lockAWorkspaceWithAChart() throws IOException {
        AptListsMirror mirror = AptListsMirror.build(temp.resolve("mirror"));
        workspace = writeWorkspace(temp.resolve("ws"), mirror);
        environment = TestWorkspace.environment(temp);
        CliRun lock = cairn("lock");
        assertThat(lock.exitCode()).as(lock.err()).isZero();
    }

    @Test
    void listShowsTheChartWithItsActions() {
        String list = cairn("list").out();
        assertThat(list).containsPattern("//tools/kubernetes-charts/greeter +render diff")
                .containsPattern("//tools/nomad-charts/greeter +render diff")
                .containsPattern("//tools/systemd-charts/greeter +render diff");
    }

    @Test
    void renderPinsTheDigestOfTheImageAsBuiltAndTheEnvironmentsValues() throws IOException {
        CliRun build = cairn("build", "//tools/oci-images/greeter");
        assertThat(build.exitCode()).as(build.err()).isZero();
        String digest = build.out().strip();

        CliRun render = cairn("render", "//tools/kubernetes-charts/greeter", "--env", "dev");

        assertThat(render.exitCode()).as(render.err()).isZero();
        assertThat(render.out()).startsWith("---\napiVersion: v1\nkind: ServiceAccount\n")
                .contains("image: registry.example.test/tools/greeter@" + digest + "\n")
                .contains("  WHO: dev-team\n").contains("  PORT: \"8080\"\n")
                .contains("- /bin/live\n").contains("readOnlyRootFilesystem: true");

        CliRun json = cairn("render", "//tools/kubernetes-charts/greeter", "--env", "prod", "--format", "json");
        JsonNode list = new ObjectMapper().readTree(json.out());
        assertThat(list.path("kind").asText()).isEqualTo("List");
        assertThat(list.path("items").get(3).path("spec").path("replicas").asInt()).isEqualTo(3);

        Path out = temp.resolve("manifests");
        CliRun written = cairn("render", "//tools/kubernetes-charts/greeter", "--env", "prod", "--out", out.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly(
                    "01-serviceaccount-greeter.yaml", "02-configmap-greeter.yaml", "03-service-greeter.yaml",
                    "04-deployment-greeter.yaml");
        }
    }

    @Test
    void renderFormatHelmWritesAHelmChartWhoseValuesAreTheEnvironments() throws IOException {
        Path chart = temp.resolve("helm-greeter");
        CliRun helm = cairn("render", "//tools/kubernetes-charts/greeter", "--env", "prod", "--format", "helm",
                "--out", chart.toString());

        assertThat(helm.exitCode()).as(helm.err()).isZero();
        assertThat(helm.out().lines().map(line -> chart.relativize(Path.of(line)).toString()).toList()).containsExactly(
                "Chart.yaml", "templates/01-serviceaccount-greeter.yaml", "templates/02-configmap-greeter.yaml",
                "templates/03-service-greeter.yaml", "templates/04-deployment-greeter.yaml", "values.yaml");
        assertThat(Files.readString(chart.resolve("Chart.yaml"))).startsWith("apiVersion: v1\nname: greeter\n");
        assertThat(Files.readString(chart.resolve("values.yaml"))).contains("replicas: 3\n").contains("  WHO: ops\n");

        CliRun noOut = cairn("render", "//tools/kubernetes-charts/greeter", "--format", "helm");
        assertThat(noOut.exitCode()).isEqualTo(1);
        assertThat(noOut.err()).contains("--format helm writes a chart's directory, and no --out DIR names it");
    }

    @Test
    void diffShowsWhatTheSecondEnvironmentChangesAndExitsLikeDiff() {
        CliRun diff = cairn("diff", "//tools/kubernetes-charts/greeter", "--env", "dev", "--env", "prod");

        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        assertThat(diff.out()).startsWith("--- //tools/kubernetes-charts/greeter --env dev\n"
                        + "+++ //tools/kubernetes-charts/greeter --env prod\n@@ ")
                .contains("\n-  WHO: dev-team\n+  WHO: ops\n")
                .contains("\n-  replicas: 1\n+  replicas: 3\n");
        List<String> changed = diff.out().lines().filter(l -> l.matches("[-+] .*")).toList();
        assertThat(changed).allMatch(l -> l.contains("WHO") || l.contains("replicas") || l.contains("config-sha256"));

        CliRun same = cairn("diff", "//tools/kubernetes-charts/greeter", "--env", "dev", "--env", "dev-copy");
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out()).isEmpty();
    }

    @Test
    void aRequiredOptionNoEnvironmentSetsFailsTheRenderNamingItAndTheEnvironment() {
        CliRun render = cairn("render", "//tools/kubernetes-charts/greeter", "--env", "bare");

        assertThat(render.exitCode()).isEqualTo(1);
        assertThat(render.out()).isEmpty();
        assertThat(render.err()).contains("cairn: error: //tools/kubernetes-charts/greeter in environment bare:"
                + " the operable requires WHO (whom to greet), and environment bare gives it no value")
                .contains("hint: set it in cells/tools/environments/bare.pkl");
    }

    @Test
    void aMisspeltFieldInAnEnvironmentFailsAtItsLine() {
        CliRun render = cairn("render", "//tools/kubernetes-charts/greeter", "--env", "broken");

        assertThat(render.exitCode()).isEqualTo(1);
        assertThat(render.err()).contains("cells/tools/environments/broken.pkl:6: Pkl evaluation failed")
                .contains("Cannot find property `replicaz`").contains("replicas");
    }

    @Test
    void aNomadJobPinsTheDigestAndHasTheEnvironmentsValues() throws IOException {
        CliRun build = cairn("build", "//tools/oci-images/greeter");
        assertThat(build.exitCode()).as(build.err()).isZero();
        String digest = build.out().strip();

        CliRun render = cairn("render", "//tools/nomad-charts/greeter", "--env", "prod");

        assertThat(render.exitCode()).as(render.err()).isZero();
        JsonNode job = new ObjectMapper().readTree(render.out()).path("Job");
        assertThat(job.path("ID").asText()).isEqualTo("greeter");
        JsonNode group = job.path("TaskGroups").get(0);
        assertThat(group.path("Count").asInt()).isEqualTo(3);
        JsonNode task = group.path("Tasks").get(0);
        assertThat(task.path("Driver").asText()).isEqualTo("podman");
        assertThat(task.path("Config").path("image").asText())
                .isEqualTo("docker://registry.example.test/tools/greeter@" + digest);
        assertThat(task.path("Env").path("WHO").asText()).isEqualTo("ops");
        assertThat(group.path("Services").get(0).path("Checks").get(0).path("Command").asText()).isEqualTo("/bin/live");

        Path out = temp.resolve("nomad");
        CliRun written = cairn("render", "//tools/nomad-charts/greeter", "--env", "dev", "--out", out.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(new ObjectMapper().readTree(out.resolve("greeter.nomad.json").toFile())
                .path("Job").path("TaskGroups").get(0).path("Tasks").get(0).path("Driver").asText()).isEqualTo("docker");
    }

    /**
     * The unit passes {@code systemd-analyze verify} with the test's store at {@code /cairn/store}
     * (bound there in a mount namespace), and its {@code ExecStart} runs under the unit's
     * conditions as far as a process without systemd as PID 1 can have them: only the unit's
     * {@code Environment=}, a user that is not root and owns nothing, a read-only root, a private
     * {@code /tmp} and {@code /dev}, no capabilities, no new privileges (bwrap always sets it).
     */
    @Test
    void theSystemdUnitPassesSystemdAnalyzeAndItsExecStartRunsInTheUnitsEnvironment() throws Exception {
        Path out = temp.resolve("units");
        CliRun written = cairn("render", "//tools/systemd-charts/greeter", "--env", "dev", "--out", out.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        Path unit = out.resolve("greeter.service");
        assertThat(written.out().strip()).isEqualTo(unit.toString());
        String text = Files.readString(unit);
        Path store = Path.of(environment.get("CAIRN_STORE"));

        ProcessResult verify = run(List.of("bwrap", "--dev-bind", "/", "/", "--bind", store.toString(), "/cairn/store",
                "--", "systemd-analyze", "verify", "--man=no", unit.toString()));
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).as(text).isEmpty();

        String execStart = SystemdUnitRun.execStart(text);
        assertThat(execStart).matches("/cairn/store/[a-z0-9]{32}-operable-greeter/bin/operable-greeter");
        List<String> command = new java.util.ArrayList<>(List.of("bwrap", "--ro-bind", "/", "/",
                "--ro-bind", store.toString(), "/cairn/store"));
        command.addAll(SystemdUnitRun.sandbox(text));
        command.addAll(List.of("--", execStart));

        ProcessResult started = run(command);

        assertThat(started.exitCode()).as(started.output()).isZero();
        assertThat(started.output()).isEqualTo("hello, dev-team\n");
    }

    @Test
    void diffComparesTwoEnvironmentsUnitsAsText() {
        CliRun diff = cairn("diff", "//tools/systemd-charts/greeter", "--env", "dev", "--env", "prod");

        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        assertThat(diff.out()).contains("-Environment=\"WHO=dev-team\"\n+Environment=\"WHO=ops\"\n")
                .contains("-Restart=on-failure\n+Restart=always\n");
    }

    /**
     * A Java service's unit, run as the unit would run it with {@code rootDirectory} set: the root
     * is the operable's locked Debian packages (Debian's JRE, from the offline mirror) laid over
     * each other, the store read-only at {@code /cairn/store}, only the unit's environment, an
     * unprivileged user without capabilities. The JVM starts and the service prints its greeting.
     */
    @Test
    void aJavaOperablesUnitRunsOnItsLockedJreInItsRootDirectory() throws Exception {
        Path out = temp.resolve("java-unit");
        CliRun written = cairn("render", "//tools/systemd-charts/hello-java", "--out", out.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        Path unit = out.resolve("hello-java.service");
        String text = Files.readString(unit);
        Path store = Path.of(environment.get("CAIRN_STORE"));
        ProcessResult verify = run(List.of("bwrap", "--dev-bind", "/", "/", "--bind", store.toString(), "/cairn/store",
                "--", "systemd-analyze", "verify", "--man=no", unit.toString()));
        assertThat(verify.output()).as(text).isEmpty();
        assertThat(text).contains("# The host must have these Debian packages at /usr: ")
                .contains("openjdk-17-jre-headless");

        String execStart = SystemdUnitRun.execStart(text);
        StorePath operable = StorePath.parse(execStart.substring(0, execStart.indexOf("/bin/")));
        Store opened = Store.open(store);
        Path manifestFile = opened.physicalPath(operable).resolve(OperableManifest.FILE);
        OperableManifest manifest = OperableManifest.parse(Files.readString(manifestFile), manifestFile.toString());
        Path rootfs = MergedRootfs.of(opened, manifest.rootfs(), temp.resolve("rootfs-cache"));

        // The root directory's entries on an empty root, as systemd makes RootDirectory= and the
        // BindReadOnlyPaths= mount point in it; then read-only, as ProtectSystem=strict has it.
        List<String> command = new java.util.ArrayList<>(List.of("bwrap"));
        command.addAll(SystemdUnitRun.rootDirectory(rootfs));
        command.addAll(List.of("--ro-bind", store.toString(), "/cairn/store"));
        command.addAll(SystemdUnitRun.sandbox(text));
        command.addAll(List.of("--remount-ro", "/", "--", execStart));
        ProcessResult started = run(command);

        assertThat(started.exitCode()).as(started.output()).isZero();
        assertThat(started.output()).isEqualTo("hello, the JVM's user, from Java 17\n");
    }

    /** {@code Hello.class} for Java 17, compiled here by the test's JDK, and the launcher {@code hello}. */
    private static void compileHello(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path source = Files.writeString(directory.resolve("Hello.java"), """
                public class Hello {
                    public static void main(String[] args) {
                        System.out.println("hello, " + System.getenv("WHO") + ", from Java "
                                + Runtime.version().feature());
                    }
                }
                """);
        int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "--release", "17", "-d", directory.toString(), source.toString());
        assertThat(compiled).isZero();
        Files.delete(source);
        Files.writeString(directory.resolve("hello"), "#!/bin/bash\nexec java -cp \"${0%/bin/*}/share/hello\" Hello \"$@\"\n");
    }

    private record ProcessResult(int exitCode, String output) {}

    private static ProcessResult run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new ProcessResult(process.waitFor(), output);
    }

    private CliRun cairn(String... args) {
        Map<String, String> env = new HashMap<>(environment);
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = workspace.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(env, all);
    }

    private static Path writeWorkspace(Path root, AptListsMirror mirror) throws IOException {
        Files.createDirectories(root.resolve("cells/tools/src"));
        Files.createDirectories(root.resolve("cells/tools/environments"));
        MirrorWorkspace.writeCairnPkl(root, "charts", mirror);
        Files.writeString(root.resolve("cells/tools/src/greeter"), "#!/bin/bash\necho \"hello, $WHO\"\n");
        compileHello(root.resolve("cells/tools/src/hello-java"));
        Files.writeString(root.resolve("cells/tools/packages.pkl"), """
                amends "cairn:Packages"
                import "cairn:debian"

                packages {
                  // A class compiled by the test, and a launcher that runs it on the operable's JRE.
                  ["hello-java"] = new Command {
                    version = "1.0"
                    source = "src/hello-java"
                    inputs { debian.packages(List("bash", "coreutils")) }
                    script = "mkdir -p $out/bin $out/share/hello && cp Hello.class $out/share/hello/ && cp hello $out/bin/ && chmod 0755 $out/bin/hello"
                  }
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
                import "cairn:debian"

                operables {
                  ["greeter"] {
                    package = "//tools/packages/greeter"
                    runtimeEnv {
                      ["PORT"] { default = "8080"; description = "where to listen" }
                      ["WHO"] { required = true; description = "whom to greet" }
                    }
                    runtimeScript = "exec greeter"
                    livenessProbe { runtimeScript = "exit 0" }
                  }
                  ["hello-java"] {
                    package = "//tools/packages/hello-java"
                    runtimeEnv { ["WHO"] { required = true; description = "whom to greet" } }
                    runtimeInputs { debian.packages(List("openjdk-17-jre-headless")) }
                    runtimeScript = "exec hello"
                  }
                }
                """);
        Files.writeString(root.resolve("cells/tools/oci-images.pkl"), """
                amends "cairn:OciImages"

                images {
                  ["greeter"] { operable = "//tools/operables/greeter"; ports { "8080" } }
                  ["hello-java"] { operable = "//tools/operables/hello-java" }
                }
                """);
        Files.writeString(root.resolve("cells/tools/kubernetes-charts.pkl"), """
                amends "cairn:KubernetesCharts"

                charts {
                  ["greeter"] { image = "//tools/oci-images/greeter"; repository = "registry.example.test/tools/greeter" }
                }
                """);
        Files.writeString(root.resolve("cells/tools/nomad-charts.pkl"), """
                amends "cairn:NomadCharts"

                charts {
                  ["greeter"] { image = "//tools/oci-images/greeter"; repository = "registry.example.test/tools/greeter" }
                }
                """);
        Files.writeString(root.resolve("cells/tools/systemd-charts.pkl"), """
                amends "cairn:SystemdCharts"

                charts {
                  ["greeter"] { image = "//tools/oci-images/greeter" }
                  ["hello-java"] { image = "//tools/oci-images/hello-java"; env { ["WHO"] = "the JVM's user" } }
                }
                """);
        String dev = environment("replicas = 1; env { [\"WHO\"] = \"dev-team\" }")
                + otherSchedulers("count = 1; env { [\"WHO\"] = \"dev-team\" }", "env { [\"WHO\"] = \"dev-team\" }");
        Files.writeString(root.resolve("cells/tools/environments/dev.pkl"), dev);
        Files.writeString(root.resolve("cells/tools/environments/dev-copy.pkl"), dev);
        Files.writeString(root.resolve("cells/tools/environments/prod.pkl"),
                environment("replicas = 3; env { [\"WHO\"] = \"ops\" }")
                        + otherSchedulers("count = 3; driver = \"podman\"; env { [\"WHO\"] = \"ops\" }",
                                "restart = \"always\"; env { [\"WHO\"] = \"ops\" }"));
        Files.writeString(root.resolve("cells/tools/environments/bare.pkl"), environment("replicas = 2"));
        Files.writeString(root.resolve("cells/tools/environments/broken.pkl"), """
                amends "cairn:Environment"

                kubernetes = (import("../kubernetes-charts.pkl")) {
                  charts {
                    ["greeter"] {
                      replicaz = 2
                    }
                  }
                }
                """);
        return root;
    }

    private static String otherSchedulers(String nomad, String systemd) {
        return """
                nomad = (import("../nomad-charts.pkl")) { charts { ["greeter"] { %s } } }
                systemd = (import("../systemd-charts.pkl")) { charts { ["greeter"] { %s } } }
                """.formatted(nomad, systemd);
    }

    private static String environment(String amendments) {
        return """
                amends "cairn:Environment"

                kubernetes = (import("../kubernetes-charts.pkl")) { charts { ["greeter"] { %s } } }
                """.formatted(amendments);
    }
}
