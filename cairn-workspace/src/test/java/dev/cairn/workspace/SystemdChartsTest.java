package dev.cairn.workspace;

import static dev.cairn.workspace.KubernetesChartsTest.INPUT;
import static dev.cairn.workspace.KubernetesChartsTest.SCRIPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chart.SystemdUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd charts evaluated for real: the hardened unit, environments amending it, typos, and systemd's own verdict. */
class SystemdChartsTest {
    @TempDir
    Path root;

    static final String BLOCK = """
            amends "cairn:SystemdCharts"

            charts {
              ["api"] {
                image = "//web/oci-images/api"
                env { ["DEPLOYMENT_ENVIRONMENT"] = "default"; ["DATABASE_URL"] = "jdbc:postgresql://db/api?opt=100%" }
              }
            }
            """;

    static final String PROD = """
            amends "cairn:Environment"

            systemd = (import("../systemd-charts.pkl")) {
              charts {
                ["api"] {
                  restart = "always"
                  rootDirectory = "/srv/cairn/api-rootfs"
                  stateDirectory = "api"
                  memoryMax = "1G"
                  wantedBy { "default.target" }
                  env { ["DEPLOYMENT_ENVIRONMENT"] = "prod" }
                  service { TimeoutStopSec = "30s" }
                }
              }
            }
            """;

    private Workspace workspaceWith(Map<String, String> environments) {
        return ChartTestSupport.workspaceWith(root, "systemd-charts.pkl", BLOCK, environments);
    }

    private static SystemdUnit render(Workspace ws, Optional<String> environment) {
        return (SystemdUnit) ChartTestSupport.render(ws, "//web/systemd-charts/api", environment, INPUT);
    }

    @Test
    void theBlockRendersAHardenedUnitRunningTheOperableFromTheStore() {
        try (Workspace ws = workspaceWith(Map.of())) {
            String unit = render(ws, Optional.empty()).text(Optional.empty());

            assertThat(unit).startsWith("# api.service, rendered by cairn\n# Runs " + SCRIPT)
                    .contains("# The host must have these Debian packages at /usr: bash openjdk-17-jre-headless.\n")
                    .contains("\n[Unit]\nDescription=api, run by cairn from /cairn/store\n")
                    .contains("Wants=network-online.target\nAfter=network-online.target\n")
                    .contains("\n[Service]\nType=exec\nExecStart=" + SCRIPT + "\n")
                    .contains("Environment=\"PORT=8080\"\nEnvironment=\"DEPLOYMENT_ENVIRONMENT=default\"\n"
                            + "Environment=\"DATABASE_URL=jdbc:postgresql://db/api?opt=100%%\"\n")
                    .contains("\nDynamicUser=yes\n", "\nProtectSystem=strict\nProtectHome=yes\nPrivateTmp=yes\n"
                            + "PrivateDevices=yes\n", "\nNoNewPrivileges=yes\nCapabilityBoundingSet=\n")
                    .contains("RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX\n")
                    .contains("SystemCallFilter=@system-service\n")
                    .contains("MemoryDenyWriteExecute=no\n")
                    .contains("SocketBindAllow=tcp:8080\nSocketBindDeny=any\n")
                    .contains("Restart=on-failure\nRestartSec=5s\n")
                    .endsWith("\n[Install]\nWantedBy=multi-user.target\n")
                    .doesNotContain("RootDirectory");
        }
    }

    @Test
    void anEnvironmentAmendsParametersAndTheRenderedSection() {
        try (Workspace ws = workspaceWith(Map.of("prod", PROD))) {
            String unit = render(ws, Optional.of("prod")).text(Optional.of("unit"));

            assertThat(unit).contains("Environment=\"DEPLOYMENT_ENVIRONMENT=prod\"\n")
                    .contains("RootDirectory=/srv/cairn/api-rootfs\nBindReadOnlyPaths=/cairn/store\n")
                    .contains("# /srv/cairn/api-rootfs must hold these Debian packages: bash openjdk-17-jre-headless.\n")
                    .contains("StateDirectory=api\n").contains("Restart=always\n").contains("MemoryMax=1G\n")
                    .contains("TimeoutStopSec=30s\n")
                    .endsWith("WantedBy=default.target\n");
        }
    }

    @Test
    void aMisspeltParameterOrSettingFailsAtItsLine() {
        String setting = PROD.replace("TimeoutStopSec", "TimeoutStopSecs");
        String parameter = PROD.replace("restart = \"always\"", "restart = \"sometimes\"");
        try (Workspace ws = workspaceWith(Map.of("setting", setting, "parameter", parameter))) {
            assertThatThrownBy(() -> render(ws, Optional.of("setting")))
                    .hasMessageContaining("cells/web/environments/setting.pkl:12")
                    .hasMessageContaining("Cannot find property `TimeoutStopSecs`");
            assertThatThrownBy(() -> render(ws, Optional.of("parameter")))
                    .hasMessageContaining("cells/web/environments/parameter.pkl:6")
                    .hasMessageContaining("sometimes");
        }
    }

    @Test
    void aRequiredOptionTheUnitLeavesUnsetIsRefused() {
        try (Workspace ws = workspaceWith(Map.of("bare", """
                amends "cairn:Environment"

                systemd = (import("../systemd-charts.pkl")) { charts { ["api"] { env = new Mapping {} } } }
                """))) {
            assertThatThrownBy(() -> render(ws, Optional.of("bare")))
                    .hasMessageContaining("//web/systemd-charts/api in environment bare: the operable requires DEPLOYMENT_ENVIRONMENT");
        }
    }

    @Test
    @Tag("integration")
    void systemdAnalyzeVerifiesTheUnitsOfTheBlockAndTheEnvironment() throws Exception {
        Path store = SystemdVerify.storeWith(Files.createDirectories(root.resolve("store")), SCRIPT);
        // the units as they run on the host's own /usr; with a root directory: the test below
        try (Workspace ws = workspaceWith(Map.of("prod", PROD.replace("rootDirectory = \"/srv/cairn/api-rootfs\"", "")))) {
            for (Optional<String> environment : List.of(Optional.<String>empty(), Optional.of("prod"))) {
                Path unit = render(ws, environment).write(root.resolve("units" + environment.orElse("")), Optional.empty()).get(0);
                assertThat(unit.getFileName().toString()).isEqualTo("api.service");
                assertThat(SystemdVerify.verify(unit, store)).as(Files.readString(unit)).isEmpty();
            }
        }
    }

    /**
     * With {@code RootDirectory=} the service finds its {@code ExecStart} in the root directory (the
     * store bound in), not on the host: verified there, and refused when the root's store lacks it.
     */
    @Test
    @Tag("integration")
    void systemdAnalyzeVerifiesAUnitWithARootDirectoryInThatRoot() throws Exception {
        Path store = SystemdVerify.storeWith(Files.createDirectories(root.resolve("store")), SCRIPT);
        Path rootfs = Files.createDirectories(root.resolve("api-rootfs"));
        try (Workspace ws = workspaceWith(Map.of("prod", PROD.replace("/srv/cairn/api-rootfs", rootfs.toString())))) {
            Path unit = render(ws, Optional.of("prod")).write(root.resolve("units"), Optional.empty()).get(0);
            String text = Files.readString(unit);
            assertThat(text).contains("RootDirectory=" + rootfs + "\nBindReadOnlyPaths=/cairn/store\n");

            assertThat(SystemdVerify.verifyInRoot(unit, store, rootfs)).as(text).isEmpty();
            Path empty = Files.createDirectories(root.resolve("empty-store"));
            assertThatThrownBy(() -> SystemdVerify.verifyInRoot(unit, empty, rootfs))
                    .hasMessageContaining("Command " + SCRIPT + " is not executable: No such file or directory");
        }
    }
}
