package dev.cairn.workspace;

import static dev.cairn.workspace.TestWorkspaces.workspace;
import static dev.cairn.workspace.TestWorkspaces.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chart.ChartInput;
import dev.cairn.chart.Manifests;
import dev.cairn.oci.Digest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubernetes charts evaluated for real: the bundled chart function, environments amending it, Pkl's errors. */
class KubernetesChartsTest {
    static final Digest DIGEST = Digest.sha256("an image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    static final String SCRIPT = "/cairn/store/" + "0123456789abcdfghijklmnpqrsvwxyz" + "-operable-api/bin/operable-api";
    static final ChartInput INPUT = new ChartInput("api", "//web/oci-images/api", DIGEST,
            List.of(new ChartInput.Option("PORT", Optional.of("8080"), false, "the port"),
                    new ChartInput.Option("DEPLOYMENT_ENVIRONMENT", Optional.empty(), true, "where it runs"),
                    new ChartInput.Option("DATABASE_URL", Optional.empty(), true, "the database")),
            Optional.of("/bin/live"), Optional.of("/bin/ready"), List.of(new ChartInput.Port(8080, "tcp")), 65532, 65532,
            SCRIPT, List.of("bash", "openjdk-17-jre-headless"));

    @TempDir
    Path root;

    static final String BLOCK = """
            amends "cairn:KubernetesCharts"

            charts {
              ["api"] {
                image = "//web/oci-images/api"
                repository = "registry.example.test/api"
                replicas = 2
                env { ["DEPLOYMENT_ENVIRONMENT"] = "default" }
                secretEnv { ["DATABASE_URL"] { secret = "api-db"; key = "url" } }
              }
            }
            """;

    static final String PROD = """
            amends "cairn:Environment"

            kubernetes = (import("../kubernetes-charts.pkl")) {
              charts {
                ["api"] {
                  replicas = 5
                  resources { limits { memory = "1Gi" } }
                  env { ["DEPLOYMENT_ENVIRONMENT"] = "prod" }
                  workload { spec { template { spec { containers { [[name == "api"]] { args { "--quiet" } } } } } } }
                }
              }
            }
            """;

    private Workspace workspaceWith(String block, Map<String, String> environments) {
        workspace(root, "charts");
        write(root, "cells/web/kubernetes-charts.pkl", block);
        environments.forEach((name, text) -> write(root, "cells/web/environments/" + name + ".pkl", text));
        return Workspace.locate(root);
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object object, String... path) {
        Object value = object;
        for (String key : path) {
            value = value instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) value).get(key);
        }
        return (T) value;
    }

    static Map<String, Object> ofKind(Manifests manifests, String kind) {
        return manifests.objects().stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow();
    }

    @Test
    void aChartRendersAServiceAccountConfigMapServiceAndDeploymentOfTheImageByDigest() {
        try (Workspace ws = workspaceWith(BLOCK, Map.of())) {
            ChartTarget chart = ws.chartTarget(TargetAddress.parse("//web/kubernetes-charts/api"));
            assertThat(chart.image()).hasToString("//web/oci-images/api");
            assertThat(chart.actions()).containsExactly(Action.RENDER, Action.DIFF);

            Manifests manifests = ws.render(chart, Optional.empty(), INPUT).manifests();

            assertThat(manifests.objects()).extracting(o -> o.get("kind"))
                    .containsExactly("ServiceAccount", "ConfigMap", "Service", "Deployment");
            Map<String, Object> deployment = ofKind(manifests, "Deployment");
            assertThat(deployment.keySet()).startsWith("apiVersion", "kind", "metadata");
            assertThat((Object) at(deployment, "spec", "replicas")).isEqualTo(2L);
            Map<String, Object> container = at(deployment, "spec", "template", "spec", "containers", "0");
            assertThat(container.get("image")).isEqualTo("registry.example.test/api@" + DIGEST);
            assertThat((Object) at(container, "livenessProbe", "exec", "command")).isEqualTo(List.of("/bin/live"));
            assertThat((Object) at(container, "readinessProbe", "exec", "command")).isEqualTo(List.of("/bin/ready"));
            assertThat((Object) at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
            assertThat((Object) at(container, "securityContext", "capabilities", "drop")).isEqualTo(List.of("ALL"));
            assertThat((Object) at(container, "volumeMounts", "0", "mountPath")).isEqualTo("/tmp");
            assertThat((Object) at(deployment, "spec", "template", "spec", "volumes", "0", "emptyDir")).isEqualTo(Map.of());
            assertThat((Object) at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot")).isEqualTo(true);
            assertThat((Object) at(container, "env", "2", "valueFrom", "secretKeyRef"))
                    .isEqualTo(Map.of("name", "api-db", "key", "url"));
            assertThat((Object) at(ofKind(manifests, "ConfigMap"), "data"))
                    .isEqualTo(Map.of("PORT", "8080", "DEPLOYMENT_ENVIRONMENT", "default"));
        }
    }

    @Test
    void anEnvironmentAmendsParametersAndObjects() {
        try (Workspace ws = workspaceWith(BLOCK, Map.of("prod", PROD))) {
            ChartTarget chart = ws.chartTarget(TargetAddress.parse("//web/kubernetes-charts/api"));
            assertThat(ws.environments("web")).containsExactly("prod");

            RenderedChart prod = ws.render(chart, Optional.of("prod"), INPUT);

            Map<String, Object> deployment = ofKind(prod.manifests(), "Deployment");
            assertThat((Object) at(deployment, "spec", "replicas")).isEqualTo(5L);
            assertThat((Object) at(deployment, "spec", "template", "spec", "containers", "0", "args")).isEqualTo(List.of("--quiet"));
            assertThat((Object) at(deployment, "spec", "template", "spec", "containers", "0", "resources", "limits"))
                    .isEqualTo(Map.of("memory", "1Gi"));
            assertThat(prod.values().env()).containsExactly("DEPLOYMENT_ENVIRONMENT");
            assertThat(prod.source()).isEqualTo("cells/web/environments/prod.pkl");
        }
    }

    @Test
    void aMisspeltParameterFailsAtItsLine() {
        try (Workspace ws = workspaceWith(BLOCK.replace("replicas = 2", "replicaz = 2"), Map.of())) {
            assertThatThrownBy(ws::targets).isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/web/kubernetes-charts.pkl:7: Pkl evaluation failed")
                    .hasMessageContaining("replicaz");
        }
    }

    @Test
    void aMisspeltFieldOfAnObjectInAnEnvironmentFailsAtItsLine() {
        String typo = PROD.replace("args { \"--quiet\" }", "argz { \"--quiet\" }");
        try (Workspace ws = workspaceWith(BLOCK, Map.of("prod", typo))) {
            ChartTarget chart = ws.chartTarget(TargetAddress.parse("//web/kubernetes-charts/api"));
            assertThatThrownBy(() -> ws.render(chart, Optional.of("prod"), INPUT)).isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("//web/kubernetes-charts/api (environment prod, cells/web/environments/prod.pkl):"
                            + " Pkl evaluation failed at cells/web/environments/prod.pkl:9")
                    .hasMessageContaining("argz");
        }
    }

    @Test
    void anUnknownEnvironmentGetsTheClosestName() {
        try (Workspace ws = workspaceWith(BLOCK, Map.of("prod", PROD))) {
            ChartTarget chart = ws.chartTarget(TargetAddress.parse("//web/kubernetes-charts/api"));
            assertThatThrownBy(() -> ws.render(chart, Optional.of("prd"), INPUT)).isInstanceOf(WorkspaceException.class)
                    .hasMessage("no environment prd for //web/kubernetes-charts/api: no file cells/web/environments/prd.pkl;"
                            + " did you mean prod?");
        }
    }

    @Test
    void aStatefulSetKeepsItsServiceName() {
        try (Workspace ws = workspaceWith(BLOCK.replace("replicas = 2", "kind = \"StatefulSet\""), Map.of())) {
            ChartTarget chart = ws.chartTarget(TargetAddress.parse("//web/kubernetes-charts/api"));
            Manifests manifests = ws.render(chart, Optional.empty(), INPUT).manifests();
            Map<String, Object> set = ofKind(manifests, "StatefulSet");
            assertThat((Object) at(set, "spec", "serviceName")).isEqualTo("api");
            assertThat((Object) at(set, "spec", "replicas")).isEqualTo(1L);
        }
    }
}
