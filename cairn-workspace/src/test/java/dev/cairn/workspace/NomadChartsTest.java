package dev.cairn.workspace;

import static dev.cairn.workspace.KubernetesChartsTest.DIGEST;
import static dev.cairn.workspace.KubernetesChartsTest.INPUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hashicorp.nomad.apimodel.Job;
import com.hashicorp.nomad.apimodel.Service;
import com.hashicorp.nomad.apimodel.ServiceCheck;
import com.hashicorp.nomad.apimodel.Task;
import com.hashicorp.nomad.apimodel.TaskGroup;
import dev.cairn.chart.ChartException;
import dev.cairn.chart.NomadJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nomad charts evaluated for real: the bundled chart function gives a job that Nomad's own Java
 * model reads without an unknown field ({@link NomadModel}), environments amend it, typos fail.
 */
class NomadChartsTest {
    @TempDir
    Path root;

    static final String BLOCK = """
            amends "cairn:NomadCharts"

            charts {
              ["api"] {
                image = "//web/oci-images/api"
                repository = "registry.example.test/api"
                datacenters { "eu-west-1a"; "eu-west-1b" }
                count = 2
                resources { cpu = 500; memoryMB = 384 }
                env { ["DEPLOYMENT_ENVIRONMENT"] = "default"; ["DATABASE_URL"] = "jdbc:postgresql://db/api" }
              }
            }
            """;

    static final String PROD = """
            amends "cairn:Environment"

            nomad = (import("../nomad-charts.pkl")) {
              charts {
                ["api"] {
                  count = 5
                  driver = "podman"
                  namespace = "prod"
                  env { ["DEPLOYMENT_ENVIRONMENT"] = "prod" }
                  task { KillTimeout = 30_000_000_000 }
                }
              }
            }
            """;

    private Workspace workspaceWith(Map<String, String> environments) {
        return ChartTestSupport.workspaceWith(root, "nomad-charts.pkl", BLOCK, environments);
    }

    private static NomadJob render(Workspace ws, Optional<String> environment) {
        return (NomadJob) ChartTestSupport.render(ws, "//web/nomad-charts/api", environment, INPUT);
    }

    @Test
    void theBlockRendersAJobThatNomadsModelReadsStrictly() throws Exception {
        try (Workspace ws = workspaceWith(Map.of())) {
            NomadJob job = render(ws, Optional.empty());
            Job model = NomadModel.read(job.text(Optional.empty()));

            assertThat(model.getId()).isEqualTo("api");
            assertThat(model.getType()).isEqualTo("service");
            assertThat(model.getDatacenters()).containsExactly("eu-west-1a", "eu-west-1b");
            TaskGroup group = model.getTaskGroups().get(0);
            assertThat(group.getCount()).isEqualTo(2);
            assertThat(group.getNetworks().get(0).getDynamicPorts().get(0).getLabel()).isEqualTo("tcp_8080");
            assertThat(group.getNetworks().get(0).getDynamicPorts().get(0).getTo()).isEqualTo(8080);
            Task task = group.getTasks().get(0);
            assertThat(task.getDriver()).isEqualTo("docker");
            assertThat(task.getUser()).isEqualTo("65532:65532");
            assertThat(task.getConfig()).containsEntry("image", "registry.example.test/api@" + DIGEST)
                    .containsEntry("ports", List.of("tcp_8080")).containsEntry("readonly_rootfs", true)
                    .containsEntry("cap_drop", List.of("ALL"));
            assertThat(task.getEnv()).containsExactly(Map.entry("PORT", "8080"),
                    Map.entry("DEPLOYMENT_ENVIRONMENT", "default"), Map.entry("DATABASE_URL", "jdbc:postgresql://db/api"));
            assertThat(task.getResources().getCpu()).isEqualTo(500);
            assertThat(task.getResources().getMemoryMb()).isEqualTo(384);
            Service service = group.getServices().get(0);
            assertThat(service.getName()).isEqualTo("api");
            assertThat(service.getPortLabel()).isEqualTo("tcp_8080");
            ServiceCheck live = service.getChecks().get(0);
            assertThat(live.getType()).isEqualTo("script");
            assertThat(live.getCommand()).isEqualTo("/bin/live");
            assertThat(live.getTaskName()).isEqualTo("api");
            assertThat(live.getInterval()).isEqualTo(10_000_000_000L);
            assertThat(live.getCheckRestart().getLimit()).isEqualTo(3);
            assertThat(service.getChecks().get(1).getCommand()).isEqualTo("/bin/ready");
            assertThat(service.getChecks().get(1).getCheckRestart()).isNull();
        }
    }

    @Test
    void anEnvironmentAmendsParametersAndTheRenderedJob() throws Exception {
        try (Workspace ws = workspaceWith(Map.of("prod", PROD))) {
            Job model = NomadModel.read(render(ws, Optional.of("prod")).text(Optional.of("json")));

            assertThat(model.getNamespace()).isEqualTo("prod");
            TaskGroup group = model.getTaskGroups().get(0);
            assertThat(group.getCount()).isEqualTo(5);
            Task task = group.getTasks().get(0);
            assertThat(task.getDriver()).isEqualTo("podman");
            assertThat(task.getConfig()).containsEntry("image", "docker://registry.example.test/api@" + DIGEST)
                    .containsEntry("tmpfs", List.of("/tmp"));
            assertThat(task.getKillTimeout()).isEqualTo(30_000_000_000L);
            assertThat(task.getEnv()).containsEntry("DEPLOYMENT_ENVIRONMENT", "prod");
        }
    }

    @Test
    void theStrictReaderRefusesAFieldNomadDoesNotHave() {
        assertThatThrownBy(() -> NomadModel.read("{\"Job\": {\"ID\": \"api\", \"TaskGroupz\": []}}"))
                .hasMessageContaining("TaskGroupz");
    }

    @Test
    void aMisspeltParameterOrJobFieldFailsAtItsLine() {
        String typo = """
                amends "cairn:Environment"

                nomad = (import("../nomad-charts.pkl")) {
                  charts {
                    ["api"] {
                      cuont = 3
                    }
                  }
                }
                """;
        String jobTypo = PROD.replace("KillTimeout", "KillTimout");
        try (Workspace ws = workspaceWith(Map.of("typo", typo, "jobtypo", jobTypo))) {
            assertThatThrownBy(() -> render(ws, Optional.of("typo")))
                    .hasMessageContaining("cells/web/environments/typo.pkl:6")
                    .hasMessageContaining("Cannot find property `cuont`");
            assertThatThrownBy(() -> render(ws, Optional.of("jobtypo")))
                    .hasMessageContaining("cells/web/environments/jobtypo.pkl:10")
                    .hasMessageContaining("Cannot find property `KillTimout`");
        }
    }

    @Test
    void jsonIsTheOnlyFormat() {
        try (Workspace ws = workspaceWith(Map.of())) {
            NomadJob job = render(ws, Optional.empty());
            assertThatThrownBy(() -> job.text(Optional.of("yaml"))).isInstanceOf(ChartException.class)
                    .hasMessageContaining("--format yaml");
        }
    }
}
