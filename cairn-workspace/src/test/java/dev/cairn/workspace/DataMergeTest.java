package dev.cairn.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn:dmerge} on JSON read from a file, evaluated by cairn's own (hermetic) evaluator. */
class DataMergeTest {
    private static final String BASE = """
            {
              "metadata": {"name": "api", "labels": {"app": "api"}},
              "spec": {
                "replicas": 1,
                "containers": [
                  {"name": "api", "image": "api:old", "env": [{"name": "MODE", "value": "dev"}]},
                  {"name": "sidecar", "image": "proxy:1"}
                ],
                "volumes": [{"name": "scratch"}, {"name": "config"}],
                "args": ["--a"]
              }
            }
            """;

    @TempDir
    Path temp;

    @Test
    void objectsMergeKeyByKeyAndListsChangeOnlyThroughTheirOperations() throws IOException {
        Object merged = merge("""
                new Dynamic {
                  metadata { labels { ["tier"] = "web" } }
                  spec {
                    replicas = 3
                    containers = new dmerge.UpdateBy {
                      key = "name"
                      items {
                        new Dynamic {
                          name = "api"
                          image = "api@sha256:1234"
                          env = new dmerge.Append { items { new Dynamic { name = "LOG"; value = "info" } } }
                        }
                        new Dynamic { name = "metrics"; image = "exporter:2" }
                      }
                    }
                    volumes = new dmerge.DeleteBy { key = "name"; values { "scratch" } }
                    args = List("--b")
                    tolerations = new dmerge.Append { items { new Dynamic { key = "spot" } } }
                  }
                }
                """);

        assertThat(merged).isEqualTo(Map.of(
                "metadata", Map.of("name", "api", "labels", Map.of("app", "api", "tier", "web")),
                "spec", Map.of(
                        "replicas", 3L,
                        "containers", List.of(
                                Map.of("name", "api", "image", "api@sha256:1234", "env", List.of(
                                        Map.of("name", "MODE", "value", "dev"), Map.of("name", "LOG", "value", "info"))),
                                Map.of("name", "sidecar", "image", "proxy:1"),
                                Map.of("name", "metrics", "image", "exporter:2")),
                        "volumes", List.of(Map.of("name", "config")),
                        "args", List.of("--b"),
                        "tolerations", List.of(Map.of("key", "spot")))));
    }

    @Test
    void aListOperationOnSomethingElseNamesWhatItFound() throws IOException {
        assertThatThrownBy(() -> merge("new Dynamic { metadata = new dmerge.Append { items { 1 } } }"))
                .hasMessageContaining("dmerge.Append changes a list, but the base here is Map");
    }

    /**
     * The example in {@code cairn:dmerge}'s module doc, evaluated as it stands there (on a base.json
     * made here), so that it cannot rot: it merges as its comments say.
     */
    @Test
    void theModuleDocsExampleMergesAsItsCommentsSay() throws IOException {
        String module;
        try (var source = PklEvaluator.class.getResourceAsStream("modules/dmerge.pkl")) {
            module = new String(source.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String example = codeBlock(module.lines().takeWhile(l -> l.startsWith("///"))
                .map(l -> l.replaceFirst("^/// ?", "")).toList(), "```");
        Files.writeString(temp.resolve("base.json"), DEPLOYMENT);

        assertThat(evaluate(example, "merged")).isEqualTo(Map.of(
                "metadata", Map.of("name", "api", "labels", Map.of("app", "api", "tier", "web")),
                "spec", Map.of("replicas", 3L, "template", Map.of("spec", Map.of(
                        "containers", List.of(
                                Map.of("name", "api", "image", "api@sha256:…", "env", List.of(Map.of("name", "MODE", "value", "dev"))),
                                Map.of("name", "sidecar", "image", "proxy:1")),
                        "volumes", List.of(Map.of("name", "config")),
                        "tolerations", List.of(Map.of("key", "spot", "operator", "Exists")))))));
    }

    /** The example of docs/charts.md's "Plain data overlays", evaluated as it stands there. */
    @Test
    void theChartsDocsExampleMergesAsItsCommentsSay() throws IOException {
        List<String> docs = Files.readAllLines(Path.of(System.getProperty("cairn.reactor", ".."), "docs", "charts.md"));
        String example = codeBlock(docs.subList(docs.indexOf("## Plain data overlays: `cairn:dmerge`"), docs.size()), "```pkl");
        Files.createDirectories(temp.resolve("vendor"));
        Files.writeString(temp.resolve("vendor/deployment.json"), DEPLOYMENT);

        assertThat(evaluate(example, "deployment")).isEqualTo(Map.of(
                "metadata", Map.of("name", "api", "labels", Map.of("app", "api")),
                "spec", Map.of("replicas", 3L, "template", Map.of("spec", Map.of(
                        "containers", List.of(
                                Map.of("name", "api", "image", "api:old", "env", List.of(
                                        Map.of("name", "MODE", "value", "dev"), Map.of("name", "LOG", "value", "info"))),
                                Map.of("name", "sidecar", "image", "proxy:1")),
                        "volumes", List.of(Map.of("name", "config")),
                        "tolerations", List.of(Map.of("key", "spot", "operator", "Exists")))))));
    }

    /** A vendor's Deployment, the base the documented examples merge into. */
    private static final String DEPLOYMENT = """
            {
              "metadata": {"name": "api", "labels": {"app": "api"}},
              "spec": {
                "replicas": 1,
                "template": {"spec": {
                  "containers": [
                    {"name": "api", "image": "api:old", "env": [{"name": "MODE", "value": "dev"}]},
                    {"name": "sidecar", "image": "proxy:1"}
                  ],
                  "volumes": [{"name": "scratch"}, {"name": "config"}]
                }}
              }
            }
            """;

    /** The first code block in {@code lines} that opens with {@code fence}. */
    private static String codeBlock(List<String> lines, String fence) {
        int start = lines.indexOf(fence);
        assertThat(start).as("a code block opening with " + fence).isNotNegative();
        int end = lines.subList(start + 1, lines.size()).indexOf("```") + start + 1;
        return String.join("\n", lines.subList(start + 1, end)) + "\n";
    }

    private Object evaluate(String moduleText, String property) throws IOException {
        Path module = Files.writeString(temp.resolve("example.pkl"), moduleText);
        try (PklEvaluator evaluator = new PklEvaluator(temp, Map.of())) {
            return evaluator.evaluate(module).getProperty(property);
        }
    }

    private Object merge(String overlay) throws IOException {
        Files.writeString(temp.resolve("base.json"), BASE);
        Path module = Files.writeString(temp.resolve("merge.pkl"), """
                import "cairn:dmerge"
                import "pkl:json"

                local base = new json.Parser {}.parse(read("base.json"))
                result = dmerge.merge(base, %s)
                """.formatted(overlay));
        try (PklEvaluator evaluator = new PklEvaluator(temp, Map.of())) {
            return evaluator.evaluate(module).getProperty("result");
        }
    }
}
