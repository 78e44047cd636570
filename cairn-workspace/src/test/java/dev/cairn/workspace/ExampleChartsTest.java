package dev.cairn.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.hashicorp.nomad.apimodel.Job;
import com.hashicorp.nomad.apimodel.Task;
import dev.cairn.chart.ChartException;
import dev.cairn.chart.ChartInput;
import dev.cairn.chart.Manifests;
import dev.cairn.chart.NomadJob;
import dev.cairn.chart.Rendering;
import dev.cairn.chart.SystemdUnit;
import dev.cairn.image.StandardImage;
import dev.cairn.oci.Digest;
import dev.cairn.operable.OperableSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example workspace's charts and environments, evaluated for real with the input their images'
 * operables would give (a stand-in digest: building the images belongs to the CLI's tests).
 */
class ExampleChartsTest {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
    private static final Path EXAMPLES = Path.of(System.getProperty("cairn.reactor", "..")).resolve("examples");

    /** What cairn render hands the chart of {@code cell}, but for the digest, which a build gives. */
    static ChartInput input(Workspace workspace, String cell) {
        ChartTarget chart = workspace.chartTarget(TargetAddress.parse("//" + cell + "/kubernetes-charts/" + cell));
        ImageTarget image = (ImageTarget) workspace.target(chart.image());
        OperableSpec operable = workspace.operableTarget(TargetAddress.parse(image.image().operable())).spec();
        return new ChartInput(cell, chart.image().toString(),
                Digest.sha256(cell.getBytes(StandardCharsets.UTF_8)),
                operable.runtimeEnv().stream().map(ChartInput.Option::of).toList(),
                operable.livenessProbe().map(p -> StandardImage.LIVENESS_PROBE),
                operable.readinessProbe().map(p -> StandardImage.READINESS_PROBE),
                image.image().ports().stream().map(p -> new ChartInput.Port(Integer.parseInt(p.split("/")[0]), "tcp")).toList(),
                65532, 65532,
                "/cairn/store/0123456789abcdfghijklmnpqrsvwxyz-operable-" + cell + "/bin/operable-" + cell,
                List.of("bash"));
    }

    static Manifests render(Workspace workspace, String cell, String environment) {
        return (Manifests) render(workspace, cell, "kubernetes-charts", environment);
    }

    private static Rendering render(Workspace workspace, String cell, String block, String environment) {
        ChartTarget chart = workspace.chartTarget(TargetAddress.parse("//" + cell + "/" + block + "/" + cell));
        ChartInput input = input(workspace, cell);
        RenderedChart rendered = workspace.render(chart, Optional.of(environment), input);
        rendered.values().check(input, chart.address().toString(), Optional.of(environment), rendered.source());
        return rendered.output();
    }

    @ParameterizedTest
    @ValueSource(strings = {"greeter", "notes"})
    void bothEnvironmentsOfBothExamplesRenderNomadJobsNomadsModelReads(String cell) throws Exception {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            for (String environment : List.of("dev", "prod")) {
                NomadJob job = (NomadJob) render(workspace, cell, "nomad-charts", environment);
                Job model = NomadModel.read(job.text(Optional.empty()));
                assertThat(model.getId()).isEqualTo(cell);
                Task task = model.getTaskGroups().get(0).getTasks().get(0);
                assertThat(task.getEnv()).containsEntry("DEPLOYMENT_ENVIRONMENT", environment);
                assertThat((String) task.getConfig().get("image"))
                        .endsWith("registry.example.test/cairn-examples/" + cell + "@" + input(workspace, cell).digest());
            }
        }
    }

    @Test
    void theGreetersProdJobHasMoreOfEverythingAndTheJvmsGraceOnItsLivenessCheck() throws Exception {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            Job dev = NomadModel.read(render(workspace, "greeter", "nomad-charts", "dev").text(Optional.empty()));
            Job prod = NomadModel.read(render(workspace, "greeter", "nomad-charts", "prod").text(Optional.empty()));

            assertThat(dev.getTaskGroups().get(0).getCount()).isEqualTo(1);
            assertThat(prod.getTaskGroups().get(0).getCount()).isEqualTo(4);
            assertThat(dev.getTaskGroups().get(0).getTasks().get(0).getDriver()).isEqualTo("docker");
            assertThat(prod.getTaskGroups().get(0).getTasks().get(0).getDriver()).isEqualTo("podman");
            assertThat(prod.getNamespace()).isEqualTo("prod");
            assertThat(prod.getTaskGroups().get(0).getServices().get(0).getChecks().get(0).getCheckRestart().getGrace())
                    .isEqualTo(20_000_000_000L);
            assertThat(dev.getTaskGroups().get(0).getServices().get(0).getChecks().get(0).getCheckRestart().getGrace())
                    .isEqualTo(10_000_000_000L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"greeter", "notes"})
    @Tag("integration")
    void bothEnvironmentsOfBothExamplesRenderUnitsSystemdAnalyzeAccepts(String cell, @TempDir Path temp) throws Exception {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            Path store = SystemdVerify.storeWith(temp.resolve("store"), input(workspace, cell).script());
            for (String environment : List.of("dev", "prod")) {
                SystemdUnit unit = (SystemdUnit) render(workspace, cell, "systemd-charts", environment);
                Path file = unit.write(temp.resolve(environment), Optional.empty()).get(0);
                String text = Files.readString(file);
                assertThat(text).contains("Environment=\"DEPLOYMENT_ENVIRONMENT=" + environment + "\"\n")
                        .contains("ExecStart=" + input(workspace, cell).script() + "\n");
                assertThat(SystemdVerify.verify(file, store)).as(text).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"greeter", "notes"})
    void bothEnvironmentsOfBothExamplesRenderObjectsKubernetesAccepts(String cell) {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            assertThat(workspace.environments(cell)).containsExactly("dev", "prod");
            for (String environment : List.of("dev", "prod")) {
                Manifests manifests = render(workspace, cell, environment);
                assertThat(manifests.objects()).extracting(o -> o.get("kind"))
                        .containsExactly("ServiceAccount", "ConfigMap", "Service", "Deployment");
                manifests.objects().forEach(StrictKubernetes::read);
            }
        }
    }

    @Test
    void devAndProdOfTheGreeterDifferExactlyWhereTheEnvironmentsSay() {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            Map<String, Object> dev = flatten(render(workspace, "greeter", "dev"));
            Map<String, Object> prod = flatten(render(workspace, "greeter", "prod"));

            Map<String, List<Object>> differences = differences(dev, prod);
            String container = "Deployment.spec.template.spec.containers.0.";
            assertThat(differences).containsOnlyKeys(
                    "Deployment.spec.replicas",
                    container + "resources.requests.cpu",
                    container + "resources.requests.memory",
                    container + "resources.limits.memory",
                    container + "livenessProbe.initialDelaySeconds",
                    "ConfigMap.data.DEPLOYMENT_ENVIRONMENT",
                    // follows the ConfigMap's data, so that pods restart when it changes
                    "Deployment.spec.template.metadata.annotations.cairn.dev/config-sha256");
            assertThat(differences.get("Deployment.spec.replicas")).containsExactly(1L, 4L);
            assertThat(differences.get("ConfigMap.data.DEPLOYMENT_ENVIRONMENT")).containsExactly("dev", "prod");
            assertThat(differences.get(container + "livenessProbe.initialDelaySeconds")).containsExactly(null, 20L);
            assertThat(differences.get(container + "resources.limits.memory")).containsExactly("384Mi", "768Mi");
        }
    }

    @Test
    void devAndProdOfTheNotesDifferExactlyWhereTheEnvironmentsSay() {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            Map<String, List<Object>> differences =
                    differences(flatten(render(workspace, "notes", "dev")), flatten(render(workspace, "notes", "prod")));

            String container = "Deployment.spec.template.spec.containers.0.";
            assertThat(differences).containsOnlyKeys(
                    "Deployment.spec.replicas",
                    container + "resources.requests.cpu",
                    container + "resources.requests.memory",
                    container + "resources.limits.memory",
                    "ConfigMap.data.DEPLOYMENT_ENVIRONMENT",
                    "ConfigMap.data.NODE_OPTIONS",
                    "Deployment.spec.template.metadata.annotations.cairn.dev/config-sha256");
            assertThat(differences.get("ConfigMap.data.NODE_OPTIONS"))
                    .containsExactly("--max-old-space-size=128", "--max-old-space-size=384");
        }
    }

    @Test
    void devAndProdOfTheGreetersNomadJobDifferExactlyWhereTheEnvironmentsSay() throws Exception {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            Map<String, List<Object>> differences = jobDifferences(workspace, "greeter");

            String group = "Job.TaskGroups.0.";
            String task = group + "Tasks.0.";
            String image = "registry.example.test/cairn-examples/greeter@" + input(workspace, "greeter").digest();
            assertThat(differences).containsOnlyKeys(
                    "Job.Namespace", group + "Count", task + "Resources.CPU", task + "Resources.MemoryMB",
                    task + "Env.DEPLOYMENT_ENVIRONMENT",
                    group + "Services.0.Checks.0.CheckRestart.Grace",
                    // driver = "podman": the same image and limits in the podman driver's own words
                    task + "Driver", task + "Config.image", task + "Config.security_opt.0",
                    task + "Config.mount.0.type", task + "Config.mount.0.target", task + "Config.mount.0.readonly",
                    task + "Config.tmpfs.0",
                    // follows the task's Env, as the Deployment's annotation does
                    "Job.Meta.cairn.config-sha256");
            assertThat(differences).containsAllEntriesOf(Map.of(
                    "Job.Namespace", Arrays.asList(null, "prod"),
                    group + "Count", List.of(1L, 4L),
                    task + "Resources.CPU", List.of(500L, 1000L),
                    task + "Resources.MemoryMB", List.of(384L, 768L),
                    task + "Env.DEPLOYMENT_ENVIRONMENT", List.of("dev", "prod"),
                    group + "Services.0.Checks.0.CheckRestart.Grace", List.of(10_000_000_000L, 20_000_000_000L),
                    task + "Driver", List.of("docker", "podman"),
                    task + "Config.image", List.of(image, "docker://" + image),
                    task + "Config.security_opt.0", Arrays.asList("no-new-privileges", null),
                    task + "Config.tmpfs.0", Arrays.asList(null, "/tmp")));
        }
    }

    @Test
    void devAndProdOfTheNotesNomadJobDifferExactlyWhereTheEnvironmentsSay() throws Exception {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            Map<String, List<Object>> differences = jobDifferences(workspace, "notes");

            String task = "Job.TaskGroups.0.Tasks.0.";
            assertThat(differences).containsOnlyKeys("Job.TaskGroups.0.Count", task + "Resources.CPU",
                    task + "Resources.MemoryMB", task + "Env.DEPLOYMENT_ENVIRONMENT", task + "Env.NODE_OPTIONS",
                    "Job.Meta.cairn.config-sha256");
            assertThat(differences).containsAllEntriesOf(Map.of(
                    "Job.TaskGroups.0.Count", List.of(1L, 3L),
                    task + "Resources.CPU", List.of(200L, 500L),
                    task + "Resources.MemoryMB", List.of(192L, 512L),
                    task + "Env.DEPLOYMENT_ENVIRONMENT", List.of("dev", "prod"),
                    task + "Env.NODE_OPTIONS", List.of("--max-old-space-size=128", "--max-old-space-size=384")));
        }
    }

    @Test
    void devAndProdOfTheGreetersUnitDifferExactlyWhereTheEnvironmentsSay() {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            assertThat(unitChanges(workspace, "greeter"))
                    .isEqualTo(new ChangedLines(
                            List.of("Environment=\"DEPLOYMENT_ENVIRONMENT=dev\"", "MemoryMax=512M", "Restart=on-failure"),
                            List.of("Environment=\"DEPLOYMENT_ENVIRONMENT=prod\"", "MemoryMax=1G", "Restart=always",
                                    "TimeoutStopSec=30s")));
        }
    }

    @Test
    void devAndProdOfTheNotesUnitDifferExactlyWhereTheEnvironmentsSay() {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            assertThat(unitChanges(workspace, "notes"))
                    .isEqualTo(new ChangedLines(
                            List.of("Environment=\"DEPLOYMENT_ENVIRONMENT=dev\"",
                                    "Environment=\"NODE_OPTIONS=--max-old-space-size=128\"", "MemoryMax=256M"),
                            List.of("Environment=\"DEPLOYMENT_ENVIRONMENT=prod\"",
                                    "Environment=\"NODE_OPTIONS=--max-old-space-size=384\"", "MemoryMax=512M")));
        }
    }

    @Test
    void withoutAnEnvironmentTheRequiredOptionHasNoValueAndTheRenderSaysSo() {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            ChartTarget chart = workspace.chartTarget(TargetAddress.parse("//greeter/kubernetes-charts/greeter"));
            ChartInput input = input(workspace, "greeter");
            RenderedChart rendered = workspace.render(chart, Optional.empty(), input);

            assertThatThrownBy(() -> rendered.values().check(input, chart.address().toString(), Optional.empty(),
                    rendered.source()))
                    .isInstanceOf(ChartException.class)
                    .hasMessage("//greeter/kubernetes-charts/greeter: the operable requires DEPLOYMENT_ENVIRONMENT"
                            + " (where this instance runs: dev, staging or prod), and the chart gives it no value");
        }
    }

    /** Each leaf of each object, keyed by kind and path: {@code Deployment.spec.replicas}. */
    private static Map<String, Object> flatten(Manifests manifests) {
        Map<String, Object> leaves = new TreeMap<>();
        for (Map<String, Object> object : manifests.objects()) {
            flatten((String) object.get("kind"), object, leaves);
        }
        return leaves;
    }

    /** The leaves of the cell's Nomad job that differ from dev to prod: path to dev's and prod's value. */
    private static Map<String, List<Object>> jobDifferences(Workspace workspace, String cell) throws IOException {
        return differences(flatten(render(workspace, cell, "nomad-charts", "dev")),
                flatten(render(workspace, cell, "nomad-charts", "prod")));
    }

    /** The lines of the cell's unit that differ from dev to prod. */
    private static ChangedLines unitChanges(Workspace workspace, String cell) {
        return changedLines(render(workspace, cell, "systemd-charts", "dev"), render(workspace, cell, "systemd-charts", "prod"));
    }

    /** Each leaf of a job's JSON, keyed by its path: {@code Job.TaskGroups.0.Count}; whole numbers as {@code Long}s. */
    private static Map<String, Object> flatten(Rendering job) throws IOException {
        Map<String, Object> leaves = new TreeMap<>();
        Map<?, ?> spec = JSON.readValue(job.text(Optional.empty()), Map.class);
        spec.forEach((key, value) -> flatten((String) key, value, leaves));
        return leaves;
    }

    /** The lines only one of two units has, each side sorted: what a line-by-line diff of them shows. */
    record ChangedLines(List<String> removed, List<String> added) {}

    private static ChangedLines changedLines(Rendering a, Rendering b) {
        List<String> removed = new ArrayList<>(a.text(Optional.empty()).lines().toList());
        List<String> added = new ArrayList<>();
        for (String line : b.text(Optional.empty()).lines().toList()) {
            // a line a also has is no change (once for each time a has it)
            if (!removed.remove(line)) {
                added.add(line);
            }
        }
        return new ChangedLines(removed.stream().sorted().toList(), added.stream().sorted().toList());
    }

    private static void flatten(String path, Object value, Map<String, Object> leaves) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(path + "." + key, child, leaves));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "." + i, list.get(i), leaves);
            }
        } else {
            leaves.put(path, value);
        }
    }

    private static Map<String, List<Object>> differences(Map<String, Object> a, Map<String, Object> b) {
        Map<String, List<Object>> differences = new TreeMap<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(a.get(key), b.get(key))) {
                differences.put(key, Arrays.asList(a.get(key), b.get(key)));
            }
        }
        return differences;
    }
}
