package dev.cairn.workspace;

import static dev.cairn.workspace.KubernetesChartsTest.INPUT;
import static dev.cairn.workspace.TestWorkspaces.workspace;
import static dev.cairn.workspace.TestWorkspaces.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chart.Manifests;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every object a chart renders is one the Kubernetes API accepts as it is, read strictly into fabric8's model. */
class KubernetesSchemaTest {
    @TempDir
    Path root;

    private Manifests render(String block, Map<String, String> environments, Optional<String> environment) {
        workspace(root, "schema");
        write(root, "cells/web/kubernetes-charts.pkl", block);
        environments.forEach((name, text) -> write(root, "cells/web/environments/" + name + ".pkl", text));
        try (Workspace ws = Workspace.locate(root)) {
            return ws.render(ws.chartTarget(TargetAddress.parse("//web/kubernetes-charts/api")), environment, INPUT)
                    .manifests();
        }
    }

    @Test
    void aDeploymentChartAndItsEnvironmentValidateStrictly() {
        Manifests plain = render(KubernetesChartsTest.BLOCK, Map.of("prod", KubernetesChartsTest.PROD), Optional.empty());
        Manifests prod = render(KubernetesChartsTest.BLOCK, Map.of("prod", KubernetesChartsTest.PROD), Optional.of("prod"));

        plain.objects().forEach(StrictKubernetes::read);
        prod.objects().forEach(StrictKubernetes::read);
        Deployment deployment = (Deployment) StrictKubernetes.read(prod.objects().get(3));
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(5);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext()
                .getReadOnlyRootFilesystem()).isTrue();
    }

    @Test
    void aStatefulSetChartWithEveryParameterValidatesStrictly() {
        String block = """
                amends "cairn:KubernetesCharts"

                charts {
                  ["api"] {
                    image = "//web/oci-images/api"
                    repository = "registry.example.test:5000/team/api"
                    kind = "StatefulSet"
                    replicas = 0
                    namespace = "shop"
                    serviceType = "LoadBalancer"
                    labels { ["team"] = "payments"; ["example.test/tier"] = "backend" }
                    resources { requests { cpu = "0.5"; memory = "1Gi" }; limits { cpu = "2"; memory = "2Gi" } }
                    env { ["DEPLOYMENT_ENVIRONMENT"] = "qa"; ["DATABASE_URL"] = "jdbc:postgresql://db/api"; ["PORT"] = "9090" }
                    workload {
                      spec {
                        podManagementPolicy = "Parallel"
                        template { spec { terminationGracePeriodSeconds = 30; nodeSelector { ["disk"] = "ssd" } } }
                      }
                    }
                    container { args { "--verbose" }; startupProbe = new { exec { command { "/bin/ready" } }; failureThreshold = 30 } }
                  }
                }
                """;
        Manifests manifests = render(block, Map.of(), Optional.empty());

        manifests.objects().forEach(StrictKubernetes::read);
        StatefulSet set = (StatefulSet) StrictKubernetes.read(manifests.objects().get(3));
        assertThat(set.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(set.getSpec().getReplicas()).isZero();
        assertThat(set.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().get("cpu"))
                .hasToString("2");
    }

    @Test
    void theCheckRejectsAFieldKubernetesDoesNotHave() {
        Manifests manifests = render(KubernetesChartsTest.BLOCK, Map.of(), Optional.empty());
        Map<String, Object> deployment = new LinkedHashMap<>(manifests.objects().get(3));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) deployment.get("spec"));
        spec.put("replicaz", 3);
        deployment.put("spec", spec);

        assertThatThrownBy(() -> StrictKubernetes.read(deployment)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("replicaz");
        assertThatThrownBy(() -> StrictKubernetes.read(Map.of("apiVersion", "v1", "kind", "Pod")))
                .hasMessageContaining("not a kind");
        assertThat(List.of(1)).isNotEmpty();
    }
}
