package dev.cairn.workspace;

import static dev.cairn.workspace.TestWorkspaces.operables;
import static dev.cairn.workspace.TestWorkspaces.packages;
import static dev.cairn.workspace.TestWorkspaces.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.operable.EnvVariable;
import dev.cairn.operable.OperableSpec;
import dev.cairn.operable.Probe;
import dev.cairn.packaging.spec.BuildInput;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cells/<cell>/operables.pkl}, amending {@code cairn:Operables}: operable targets. */
class OperablesBlockTest {
    @TempDir
    Path dir;

    Path root;

    @BeforeEach
    void createWorkspace() throws Exception {
        root = workspace(dir, "shop").toRealPath();
        packages(root, "greeter", """
                packages { ["greeter"] = new Command { version = "1.0"; script = "mkdir $out" } }
                """);
    }

    @Test
    void anOperableKeepsItsOptionsInputsAndProbesInTheOrderWritten() {
        operables(root, "greeter", """
                import "cairn:debian"

                operables {
                  ["greeter"] {
                    package = "//greeter/packages/greeter"
                    runtimeEnv {
                      ["PORT"] = "8080"
                      ["GREETING"] { default = "Hello"; description = "the first word" }
                      ["DATABASE_URL"] { required = true; description = "the JDBC URL" }
                    }
                    runtimeInputs { debian.packages(List("openjdk-17-jre-headless")); "//greeter/packages/greeter" }
                    runtimeScript = #"exec greeter --port "$PORT""#
                    livenessProbe {
                      runtimeEnv { ["PATH_TO_CHECK"] = "/health"; ["PORT"] = "9090" }
                      runtimeInputs { debian.packages(List("curl")) }
                      runtimeScript = #"exec curl -fsS "http://127.0.0.1:$PORT$PATH_TO_CHECK""#
                    }
                    readinessProbe = "//greeter/operables/ready"
                    debugInputs { debian.packages(List("strace")) }
                  }
                  ["ready"] { package = "//greeter/packages/greeter"; runtimeScript = "exec true" }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            OperableTarget target = workspace.operableTarget(TargetAddress.parse("//greeter/operables/greeter"));

            assertThat(target.actions()).containsExactly(Action.BUILD, Action.RUN);
            OperableSpec spec = target.spec();
            assertThat(spec.packageReference()).contains(new BuildInput.PackageReference("//greeter/packages/greeter"));
            assertThat(spec.runtimeEnv()).containsExactly(
                    new EnvVariable.WithDefault("PORT", "8080", ""),
                    new EnvVariable.WithDefault("GREETING", "Hello", "the first word"),
                    new EnvVariable.Required("DATABASE_URL", "the JDBC URL"));
            assertThat(spec.runtimeInputs()).containsExactly(
                    new BuildInput.DebianPackages(List.of("openjdk-17-jre-headless")),
                    new BuildInput.PackageReference("//greeter/packages/greeter"));
            assertThat(spec.debugInputs()).containsExactly(new BuildInput.DebianPackages(List.of("strace")));
            assertThat(spec.runtimeScript()).isEqualTo("exec greeter --port \"$PORT\"");
            OperableSpec live = ((Probe.Inline) spec.livenessProbe().orElseThrow()).spec();
            assertThat(live.name()).isEqualTo("greeter-live");
            assertThat(live.packageReference()).isEmpty();
            assertThat(live.runtimeEnv()).extracting(EnvVariable::name)
                    .containsExactly("PORT", "GREETING", "DATABASE_URL", "PATH_TO_CHECK");
            assertThat(live.runtimeEnv().getFirst()).isEqualTo(new EnvVariable.WithDefault("PORT", "9090", ""));
            assertThat(spec.readinessProbe()).contains(new Probe.Reference("//greeter/operables/ready"));
            assertThat(target.references()).extracting(TargetAddress::toString)
                    .containsExactly("//greeter/packages/greeter", "//greeter/operables/ready");
            assertThat(workspace.dependencies(target)).extracting(Target::address).extracting(TargetAddress::toString)
                    .containsExactly("//greeter/packages/greeter", "//greeter/operables/ready");
            assertThat(workspace.targets()).extracting(t -> t.address().toString())
                    .contains("//greeter/operables/greeter", "//greeter/operables/ready");
        }
    }

    @Test
    void anOptionIsEitherDefaultedOrRequired() {
        operables(root, "greeter", """
                operables {
                  ["greeter"] {
                    package = "//greeter/packages/greeter"
                    runtimeEnv { ["TOKEN"] { description = "the API token" } }
                    runtimeScript = "exec greeter"
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("//greeter/operables/greeter (cells/greeter/operables.pkl): option TOKEN has neither"
                            + " a default nor required = true");
        }
    }

    @Test
    void pklRefusesAVariableNameNoShellCanSetAtItsLine() {
        operables(root, "greeter", """
                operables {
                  ["greeter"] {
                    package = "//greeter/packages/greeter"
                    runtimeEnv { ["LOG-LEVEL"] = "info" }
                    runtimeScript = "exec greeter"
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/greeter/operables.pkl:6: Pkl evaluation failed")
                    .hasMessageContaining("LOG-LEVEL");
        }
    }

    @Test
    void aMissingPackageIsNamedWithTheOperableAndTheClosestAddress() {
        operables(root, "greeter", """
                operables {
                  ["greeter"] { package = "//greeter/packages/greter"; runtimeScript = "exec greeter" }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            OperableTarget target = workspace.operableTarget(TargetAddress.parse("//greeter/operables/greeter"));
            assertThatThrownBy(() -> workspace.dependencies(target))
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("//greeter/operables/greeter (cells/greeter/operables.pkl):"
                            + " //greeter/packages/greter: no target //greeter/packages/greter")
                    .hasMessageEndingWith("did you mean //greeter/packages/greeter?");
        }
    }

    @Test
    void anOperableWithoutAPackageIsRefusedByPkl() {
        operables(root, "greeter", """
                operables { ["greeter"] { runtimeScript = "exec greeter" } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets).hasMessageContaining("package");
        }
    }
}
