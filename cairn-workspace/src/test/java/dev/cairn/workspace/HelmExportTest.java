package dev.cairn.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cairn.chart.HelmExport;
import dev.cairn.chart.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Helm export of the example charts, rendered as {@code helm template} would render it. Helm is
 * not in Debian, so a small Go program (test resource {@code helm-template/main.go}) does what
 * {@code helm template} does for a chart without dependencies, with Helm's own engine: Go's
 * {@code text/template} and sprig, from Debian's Go packages in {@code /usr/share/gocode}, built
 * offline into the test's temporary directory. Its documents must be, as data, cairn's render.
 */
class HelmExportTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("cairn.reactor", "..")).resolve("examples");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path temp;

    private static Path helmTemplate;

    @BeforeAll
    static void buildHelmTemplate() throws IOException, InterruptedException {
        Path source = temp.resolve("helm-template");
        Files.createDirectories(source);
        try (InputStream main = HelmExportTest.class.getResourceAsStream("helm-template/main.go")) {
            Files.write(source.resolve("main.go"), main.readAllBytes());
        }
        helmTemplate = source.resolve("helm-template");
        run(source, List.of("go", "build", "-o", helmTemplate.toString(), "main.go"));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"greeter, dev", "greeter, prod", "notes, dev", "notes, prod"})
    void theExportedChartRendersWithItsDefaultValuesExactlyWhatCairnRenders(String cell, String environment)
            throws IOException, InterruptedException {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            Manifests manifests = ExampleChartsTest.render(workspace, cell, environment);
            Path chart = temp.resolve(cell + "-" + environment);
            export(workspace, cell, environment, manifests).write(chart);

            String rendered = run(temp, List.of(helmTemplate.toString(), chart.toString(), "release", "default"));

            assertThat(documents(rendered)).isEqualTo(documents(manifests.yaml()));
        }
    }

    @Test
    void theValuesAreWhatTheEnvironmentSetsAndTheTemplatesFollowThem() throws IOException, InterruptedException {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            HelmExport dev = export(workspace, "notes", "dev", ExampleChartsTest.render(workspace, "notes", "dev"));
            Manifests prodManifests = ExampleChartsTest.render(workspace, "notes", "prod");
            HelmExport prod = export(workspace, "notes", "prod", prodManifests);

            assertThat(dev.baked()).isEmpty();
            assertThat(prod.files().keySet()).containsExactly("Chart.yaml", "templates/01-serviceaccount-notes.yaml",
                    "templates/02-configmap-notes.yaml", "templates/03-service-notes.yaml",
                    "templates/04-deployment-notes.yaml", "values.yaml");
            JsonNode values = YAML.readTree(prod.files().get("values.yaml"));
            assertThat(values.path("replicas").asInt()).isEqualTo(3);
            assertThat(values.path("config").path("NODE_OPTIONS").asText()).isEqualTo("--max-old-space-size=384");
            assertThat(values.path("labels").path("app.kubernetes.io/part-of").asText()).isEqualTo("cairn-examples");
            assertThat(values.path("image").path("repository").asText()).isEqualTo("registry.example.test/cairn-examples/notes");
            assertThat(values.path("serviceType").asText()).isEqualTo("ClusterIP");
            assertThat(YAML.readTree(prod.files().get("Chart.yaml")).path("apiVersion").asText()).isEqualTo("v1");
            // notes' environments set parameters only: dev's templates with prod's values are prod
            assertThat(dev.files().entrySet().stream().filter(e -> e.getKey().startsWith("templates/")).toList())
                    .isEqualTo(prod.files().entrySet().stream().filter(e -> e.getKey().startsWith("templates/")).toList());

            Path chart = temp.resolve("notes-dev-with-prod-values");
            dev.write(chart);
            Files.writeString(chart.resolve("values.yaml"), prod.files().get("values.yaml"));
            String rendered = run(temp, List.of(helmTemplate.toString(), chart.toString(), "release", "default"));
            assertThat(documents(rendered)).isEqualTo(documents(prodManifests.yaml()));
        }
    }

    @Test
    void anAmendmentToTheObjectsStaysInTheTemplates() {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            HelmExport prod = export(workspace, "greeter", "prod", ExampleChartsTest.render(workspace, "greeter", "prod"));

            assertThat(prod.files().get("templates/04-deployment-greeter.yaml")).contains("initialDelaySeconds: 20")
                    .contains("replicas: {{ toJson .Values.replicas }}")
                    .contains("cairn.dev/config-sha256: {{ $c := \"\" }}{{ range list \"PORT\" \"GREETING\"");
            assertThat(prod.baked()).isEmpty();
            assertThat(prod.files().get("values.yaml")).doesNotContain("initialDelaySeconds");
        }
    }

    @Test
    void whatAnEnvironmentAmendedInTheObjectsStaysFixedAndTemplateLikeTextStaysText(@TempDir Path root)
            throws IOException, InterruptedException {
        TestWorkspaces.workspace(root, "charts");
        TestWorkspaces.write(root, "cells/web/kubernetes-charts.pkl", KubernetesChartsTest.BLOCK);
        TestWorkspaces.write(root, "cells/web/environments/odd.pkl", """
                amends "cairn:Environment"

                kubernetes = (import("../kubernetes-charts.pkl")) {
                  charts {
                    ["api"] {
                      env { ["DEPLOYMENT_ENVIRONMENT"] = "{{ .Values.replicas }}" }
                      service { metadata { labels { ["exposed"] = "yes" }; annotations { ["note"] = "{{ not a template }}" } } }
                    }
                  }
                }
                """);
        try (Workspace workspace = Workspace.locate(root)) {
            ChartTarget chart = workspace.chartTarget(TargetAddress.parse("//web/kubernetes-charts/api"));
            Manifests manifests = workspace.render(chart, Optional.of("odd"), KubernetesChartsTest.INPUT).manifests();
            HelmExport export = HelmExport.of("//web/kubernetes-charts/api", KubernetesChartsTest.INPUT,
                    Optional.of("odd"), manifests);
            Path dir = temp.resolve("api-odd");
            export.write(dir);

            String rendered = run(temp, List.of(helmTemplate.toString(), dir.toString(), "release", "default"));

            assertThat(documents(rendered)).isEqualTo(documents(manifests.yaml()));
            assertThat(export.baked()).containsExactly(
                    "metadata.labels of the Service: amended in the object itself, so fixed in its template");
            assertThat(export.files().get("templates/03-service-api.yaml")).contains("exposed").contains("{{ \"{{\" }} not a template }}");
        }
    }

    @Test
    void theExportIsDeterministic() throws IOException {
        try (Workspace workspace = Workspace.locate(EXAMPLES)) {
            Path first = temp.resolve("first");
            Path second = temp.resolve("second");
            export(workspace, "greeter", "prod", ExampleChartsTest.render(workspace, "greeter", "prod")).write(first);
            export(workspace, "greeter", "prod", ExampleChartsTest.render(workspace, "greeter", "prod")).write(second);

            assertThat(tree(first)).isNotEmpty().isEqualTo(tree(second));
        }
    }

    private static HelmExport export(Workspace workspace, String cell, String environment, Manifests manifests) {
        return HelmExport.of("//" + cell + "/kubernetes-charts/" + cell, ExampleChartsTest.input(workspace, cell),
                Optional.of(environment), manifests);
    }

    private static Map<String, String> tree(Path directory) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (var walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    /** The YAML documents of {@code text}, as data. */
    private static List<JsonNode> documents(String text) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(text)) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isMissingNode() && !document.isNull()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /** Runs {@code command} offline (Go packages from Debian's /usr/share/gocode, its cache in the test's directory). */
    private static String run(Path directory, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("GO111MODULE", "off");
        builder.environment().put("GOPATH", "/usr/share/gocode");
        builder.environment().put("GOPROXY", "off");
        builder.environment().put("GOFLAGS", "");
        builder.environment().put("GOCACHE", temp.resolve("go-cache").toString());
        Path err = Files.createTempFile(temp, "stderr-", ".txt");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + Files.readString(err)).isZero();
        return out;
    }
}
