package dev.cairn.workspace;

import static dev.cairn.workspace.TestWorkspaces.ociImages;
import static dev.cairn.workspace.TestWorkspaces.packages;
import static dev.cairn.workspace.TestWorkspaces.workspace;
import static dev.cairn.workspace.TestWorkspaces.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.packaging.spec.BuildInput;
import dev.cairn.packaging.spec.CommandBuild;
import dev.cairn.packaging.spec.JavaRuntimeBuild;
import dev.cairn.packaging.spec.Fetch;
import dev.cairn.packaging.spec.MavenBuild;
import dev.cairn.packaging.spec.NpmBuild;
import dev.cairn.packaging.spec.PackageSpec;
import dev.cairn.store.StorePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cells/<cell>/packages.pkl}, amending {@code cairn:Packages}: package targets. */
class PackagesBlockTest {
    private static final String JRE = "/cairn/store/0c5m2fv7hlqf3qbx8qpmdrw9ccc3dcjp-openjdk-21-jre";

    @TempDir
    Path dir;

    Path root;

    @BeforeEach
    void createWorkspace() throws Exception {
        root = workspace(dir, "shop").toRealPath();
    }

    private PackageSpec spec(Workspace workspace, String address) {
        return ((PackageTarget) workspace.target(TargetAddress.parse(address))).spec();
    }

    private void mavenProject(String directory) {
        write(root, directory + "/pom.xml", "<project/>\n");
    }

    private void npmProject(String directory) {
        write(root, directory + "/package.json", "{}\n");
        write(root, directory + "/package-lock.json", "{}\n");
    }

    @Test
    void aCommandWithOnlyWhatIsRequiredHasNoSourceAndRunsInBash() {
        packages(root, "tools", """
                packages {
                  ["hello"] = new Command { version = "1.0"; script = "echo hello > $out" }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            List<Target> targets = workspace.targets();

            assertThat(targets).hasSize(1);
            PackageTarget target = (PackageTarget) targets.getFirst();
            assertThat(target.address()).isEqualTo(TargetAddress.parse("//tools/packages/hello"));
            assertThat(target.blockFile()).isEqualTo(root.resolve("cells/tools/packages.pkl"));
            assertThat(target.actions()).containsExactly(Action.BUILD);
            assertThat(target.spec()).isEqualTo(
                    new CommandBuild("hello", "1.0", null, List.of(), List.of(), Map.of(), "echo hello > $out", "bash"));
        }
    }

    @Test
    void aCommandKeepsItsInputsOfEveryKindAndItsEnvInTheOrderWritten() {
        write(root, "cells/tools/src/hello.c", "int main(void) { return 0; }\n");
        packages(root, "tools", """
                import "cairn:debian"

                packages {
                  ["hello"] = new Command {
                    version = "1.0"
                    source = "src"
                    inputs {
                      "//shared/packages/headers"
                      debian.packages(List("gcc", "make=4.3-4.1"))
                      "%s"
                      new debian.Packages { names { "libc6-dev" } }
                    }
                    env { ["Z_FIRST"] = "1"; ["CFLAGS"] = "-O2"; ["A_LAST"] = "3" }
                    script = "make hello && install -D hello $out/bin/hello"
                    shell = "sh"
                  }
                }
                """.formatted(JRE));

        try (Workspace workspace = Workspace.locate(root)) {
            CommandBuild hello = (CommandBuild) spec(workspace, "//tools/packages/hello");

            assertThat(hello.source()).isEqualTo(root.resolve("cells/tools/src"));
            assertThat(hello.inputs()).containsExactly(
                    new BuildInput.PackageReference("//shared/packages/headers"),
                    new BuildInput.DebianPackages(List.of("gcc", "make=4.3-4.1")),
                    new BuildInput.StoreObject(StorePath.parse(JRE)),
                    new BuildInput.DebianPackages(List.of("libc6-dev")));
            assertThat(hello.env()).containsExactly(
                    Map.entry("Z_FIRST", "1"), Map.entry("CFLAGS", "-O2"), Map.entry("A_LAST", "3"));
            assertThat(hello.shell()).isEqualTo("sh");
        }
    }

    @Test
    void aMavenBuildTakesItsDefaults() {
        mavenProject("services/orders");
        packages(root, "shop", """
                packages { ["orders"] = new Maven { version = "2.3.0"; source = "../../services/orders" } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(spec(workspace, "//shop/packages/orders")).isEqualTo(new MavenBuild("orders", "2.3.0",
                    root.resolve("services/orders"), List.of(), List.of(), Map.of(), List.of("verify"),
                    "openjdk-17-jdk-headless", "maven", List.of()));
        }
    }

    @Test
    void aJavaRuntimeLinksItsModulesFromTheDefaultJdkOrTheOneItNames() {
        packages(root, "shop", """
                packages {
                  ["jre"] = new JavaRuntime { version = "17"; modules { "java.base"; "jdk.httpserver"; "java.base" } }
                  ["debug-jre"] = new JavaRuntime {
                    version = "17"
                    modules { "java.base" }
                    jdk = "openjdk-17-jdk-headless=17.0.13+11-2~deb12u1"
                    stripDebug = false
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(spec(workspace, "//shop/packages/jre")).isEqualTo(new JavaRuntimeBuild("jre", "17", List.of(),
                    Map.of(), "openjdk-17-jdk-headless", List.of("java.base", "jdk.httpserver"), true));
            JavaRuntimeBuild debug = (JavaRuntimeBuild) spec(workspace, "//shop/packages/debug-jre");
            assertThat(debug.tools()).containsExactly("openjdk-17-jdk-headless=17.0.13+11-2~deb12u1", "bash", "coreutils");
            assertThat(debug.stripDebug()).isFalse();
            assertThat(debug.source()).isNull();
        }
    }

    @Test
    void aJavaRuntimeWithASourceOrWithoutModulesIsRefused() {
        write(root, "cells/shop/jre", "not a source");
        packages(root, "shop", "packages { [\"jre\"] = new JavaRuntime { version = \"17\"; source = \"jre\"; modules { \"java.base\" } } }\n");
        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("//shop/packages/jre (cells/shop/packages.pkl): a Java runtime is linked from its JDK"
                            + " alone and has no source");
        }

        packages(root, "shop", "packages { [\"jre\"] = new JavaRuntime { version = \"17\" } }\n");
        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/shop/packages.pkl: Pkl evaluation failed")
                    .hasMessageContaining("modules");
        }

        packages(root, "shop", "packages { [\"jre\"] = new JavaRuntime { version = \"17\"; modules { \"java base\" } } }\n");
        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageContaining("java base");
        }
    }

    @Test
    void aMavenBuildWithEverySetting() {
        mavenProject("services/orders");
        packages(root, "shop", """
                import "cairn:debian"

                packages {
                  ["orders"] = new Maven {
                    version = "2.3.0"
                    source = "../../services/orders"
                    inputs { debian.packages(List("ca-certificates-java")); "//shop/packages/client" }
                    env { ["MAVEN_OPTS"] = "-Xmx1g" }
                    goals { "clean"; "package" }
                    jdk = "openjdk-21-jdk-headless=21.0.5+11-1~deb12u1"
                    maven = "maven=3.8.7-1"
                    extraArgs { "-DskipITs"; "-Pproduction" }
                    mainClass = "com.example.orders.Main"
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(spec(workspace, "//shop/packages/orders")).isEqualTo(new MavenBuild("orders", "2.3.0",
                    root.resolve("services/orders"),
                    List.of(),
                    List.of(new BuildInput.DebianPackages(List.of("ca-certificates-java")),
                            new BuildInput.PackageReference("//shop/packages/client")),
                    Map.of("MAVEN_OPTS", "-Xmx1g"), List.of("clean", "package"),
                    "openjdk-21-jdk-headless=21.0.5+11-1~deb12u1", "maven=3.8.7-1", List.of("-DskipITs", "-Pproduction"),
                    "com.example.orders.Main"));
        }
    }

    @Test
    void anNpmBuildTakesItsDefaultsOrWhatIsSet() {
        npmProject("web/storefront");
        packages(root, "web", """
                packages {
                  ["storefront"] = new Npm { version = "1.4.2"; source = "../../web/storefront" }
                  ["pinned"] = new Npm {
                    version = "1.4.2"
                    source = "../../web/storefront"
                    nodejs { "nodejs=18.19.0+dfsg-6~deb12u2"; "npm" }
                    env { ["NODE_ENV"] = "production" }
                    runTests = false
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            Path source = root.resolve("web/storefront");
            assertThat(spec(workspace, "//web/packages/storefront")).isEqualTo(
                    new NpmBuild("storefront", "1.4.2", source, List.of(), List.of(), Map.of(), List.of("nodejs"), true));
            assertThat(spec(workspace, "//web/packages/pinned")).isEqualTo(new NpmBuild("pinned", "1.4.2", source,
                    List.of(),
                    List.of(), Map.of("NODE_ENV", "production"), List.of("nodejs=18.19.0+dfsg-6~deb12u2", "npm"), false));
        }
    }

    @Test
    void packageAndImageTargetsAreListedTogetherByAddress() {
        packages(root, "app", """
                packages {
                  ["tool"] = new Command { version = "1"; script = "true" }
                  ["lib"] = new Command { version = "1"; script = "true" }
                }
                """);
        ociImages(root, "app", "images { [\"server\"] {} }\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(workspace.targets()).extracting(t -> t.address().toString()).containsExactly(
                    "//app/oci-images/server", "//app/packages/lib", "//app/packages/tool");
        }
    }

    @Test
    void aMavenBuildWithoutSourceNamesThePackage() {
        packages(root, "shop", "packages { [\"orders\"] = new Maven { version = \"2.3.0\" } }\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("//shop/packages/orders (cells/shop/packages.pkl): Maven builds need a source:"
                            + " the directory holding pom.xml")
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .isEqualTo("set source to that directory, relative to the block file's directory");
        }
    }

    @Test
    void aSourceWithoutWhatItsKindBuildsFromIsRefused() {
        write(root, "services/orders/build.gradle", "plugins {}\n");
        write(root, "web/storefront/package.json", "{}\n");
        write(root, "web/app.js", "1\n");
        packages(root, "shop", """
                packages {
                  ["orders"] = new Maven { version = "1"; source = "../../services/orders" }
                  ["storefront"] = new Npm { version = "1"; source = "../../web/storefront" }
                  ["app"] = new Npm { version = "1"; source = "../../web/app.js" }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("//shop/packages/orders (cells/shop/packages.pkl): source '../../services/orders'"
                            + " has no pom.xml: no file " + root.resolve("services/orders/pom.xml"));
        }
        packages(root, "shop", """
                packages { ["storefront"] = new Npm { version = "1"; source = "../../web/storefront" } }
                """);
        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .hasMessageEndingWith("source '../../web/storefront' has no package-lock.json: no file "
                            + root.resolve("web/storefront/package-lock.json"))
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .asString()
                    .contains("npm install");
        }
        packages(root, "shop", "packages { [\"app\"] = new Npm { version = \"1\"; source = \"../../web/app.js\" } }\n");
        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .hasMessage("//shop/packages/app (cells/shop/packages.pkl): source '../../web/app.js' is not a"
                            + " directory: " + root.resolve("web/app.js"));
        }
    }

    @Test
    void aMissingSourceNamesThePackageTheBlockAndThePath() {
        packages(root, "tools", """
                packages { ["hello"] = new Command { version = "1"; source = "src"; script = "make" } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("//tools/packages/hello (cells/tools/packages.pkl): source 'src' does not exist:"
                            + " no file or directory " + root.resolve("cells/tools/src"))
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .isEqualTo("check the path; it is relative to the block file's directory, cells/tools/");
        }
    }

    @Test
    void aSourceOutsideTheWorkspaceIsRefused() {
        packages(root, "tools", """
                packages { ["hello"] = new Command { version = "1"; source = "../../../src"; script = "make" } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("//tools/packages/hello (cells/tools/packages.pkl): source '../../../src' is ")
                    .hasMessageEndingWith(", outside the workspace " + root)
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .asString()
                    .contains("cairn store add")
                    .contains("inputs");
        }
    }

    @Test
    void aReferenceMustBeAnotherPackagesAddress() {
        Map<String, String> wrong = Map.of(
                "//shop/oci-images/web", "input //shop/oci-images/web is not a package: a build can use packages,"
                        + " //cell/packages/name, not oci-images targets",
                "//Shop/packages/web", "input '//Shop/packages/web' is not a target address: cell name 'Shop'"
                        + " contains 'S'",
                "//shop/packages", "input '//shop/packages' is not a target address: it has 2 parts where"
                        + " //cell/block/name has 3",
                "//shop/packages/tool", "input //shop/packages/tool is the package itself");
        wrong.forEach((reference, message) -> {
            packages(root, "shop", """
                    packages { ["tool"] = new Command { version = "1"; script = "true"; inputs { "%s" } } }
                    """.formatted(reference));

            try (Workspace workspace = Workspace.locate(root)) {
                assertThatThrownBy(workspace::targets)
                        .as(reference)
                        .isInstanceOf(WorkspaceException.class)
                        .hasMessage("//shop/packages/tool (cells/shop/packages.pkl): " + message);
            }
        });
    }

    @Test
    void excludeIsReadAsWrittenAndASourceHoldingTheWorkspacesResultsLeavesThemOut() {
        mavenProject("services/orders");
        write(root, "src/hello.c", "int main;\n");
        packages(root, "shop", """
                packages {
                  ["orders"] = new Maven {
                    version = "1"
                    source = "../../services/orders"
                    exclude { "*.log"; "docs/**" }
                  }
                  ["everything"] = new Command { version = "1"; source = "../.."; script = "true" }
                  ["hello"] = new Command { version = "1"; source = "../../src"; script = "true" }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(spec(workspace, "//shop/packages/orders").exclude()).containsExactly("*.log", "docs/**");
            assertThat(spec(workspace, "//shop/packages/everything").exclude()).containsExactly("/result");
            assertThat(spec(workspace, "//shop/packages/everything").sourceFilter().keeps("result", true)).isFalse();
            assertThat(spec(workspace, "//shop/packages/hello").exclude()).isEmpty();
        }
    }

    @Test
    void whatTheModelRefusesNamesThePackage() {
        Map<String, String> wrong = Map.of(
                "version = \"1.0 beta\"", "version '1.0 beta' cannot be part of the output's name: store name"
                        + " 'tool-1.0 beta' contains ' '",
                "env { [\"out\"] = \"/tmp\" }", "environment variable 'out' is set by the build itself, to the"
                        + " output's path",
                "inputs { \"%s\"; \"%s\" }".formatted(JRE, JRE), "input " + JRE + " is listed twice",
                "inputs { debian.packages(List(\"gcc=1:\")) }", "Debian package request 'gcc=1:': '1:' is not a"
                        + " Debian version: nothing follows the epoch",
                "inputs { \"/cairn/store/0c5m2fv7hlqf3qbx8qpmdrw9ccc3dcjp-.hidden\" }", "input store name '.hidden'"
                        + " starts with '.'",
                "exclude { \"!keep.log\" }", "exclude pattern '!keep.log' negates: re-including what another"
                        + " pattern excludes is not supported");
        wrong.forEach((setting, message) -> {
            packages(root, "shop", """
                    import "cairn:debian"

                    local base = new Command { version = "1"; script = "true" }

                    packages { ["tool"] = (base) { %s } }
                    """.formatted(setting));

            try (Workspace workspace = Workspace.locate(root)) {
                assertThatThrownBy(workspace::targets)
                        .as(setting)
                        .isInstanceOf(WorkspaceException.class)
                        .hasMessage("//shop/packages/tool (cells/shop/packages.pkl): " + message);
            }
        });
    }

    @Test
    void constraintsOfTheSchemaAreCheckedByPkl() {
        mavenProject("cells/shop/src");
        List<String> wrong = List.of(
                "new Command { version = \"\"; script = \"true\" }",
                "new Command { version = \"1\"; script = \"  \" }",
                "new Command { version = \"1\"; script = \"true\"; shell = \"/bin/sh\" }",
                "new Command { version = \"1\"; script = \"true\"; inputs { \"nodejs\" } }",
                "new Command { version = \"1\"; script = \"true\"; source = \"/etc\" }",
                "new Command { version = \"1\"; script = \"true\"; env { [\"A=B\"] = \"c\" } }",
                "new Maven { version = \"1\"; source = \"src\"; goals { \"-DskipTests\" } }",
                "new Maven { version = \"1\"; source = \"src\"; jdk = \"OpenJDK 17\" }",
                "new Maven { version = \"1\"; source = \"src\"; extraArgs { \"\" } }",
                "new Npm { version = \"1\"; source = \"src\"; nodejs { \"node js\" } }");
        for (String declared : wrong) {
            packages(root, "shop", "packages {\n  [\"tool\"] = " + declared + "\n}\n");

            try (Workspace workspace = Workspace.locate(root)) {
                assertThatThrownBy(workspace::targets)
                        .as(declared)
                        .isInstanceOf(WorkspaceException.class)
                        .hasMessageStartingWith("cells/shop/packages.pkl:4: Pkl evaluation failed\n–– Pkl Error ––");
            }
        }
    }

    @Test
    void aFetchNamesItsRepositoryAndPathAndHowItsFileBecomesThePackage() {
        packages(root, "tools", """
                packages {
                  ["tool"] = new Fetch {
                    version = "1.2.3"
                    repository = "releases"
                    path = "tool/1.2.3/tool-1.2.3-linux-amd64.tar.xz"
                    unpack = true
                    stripComponents = 1
                    bin { ["tool"] = "tool" }
                  }
                  ["jq"] = new Fetch { version = "1.7.1"; repository = "releases"; path = "jq/jq-linux-amd64" }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(spec(workspace, "//tools/packages/tool")).isEqualTo(new Fetch("tool", "1.2.3", "releases",
                    "tool/1.2.3/tool-1.2.3-linux-amd64.tar.xz", Fetch.layout(true, 1, Map.of("tool", "tool"))));
            assertThat(spec(workspace, "//tools/packages/jq")).isEqualTo(new Fetch("jq", "1.7.1", "releases",
                    "jq/jq-linux-amd64", Fetch.layout(false, 0, Map.of())));
        }
    }

    @Test
    void aFetchThatCannotBeUnpackedIsRefusedNamingThePackage() {
        packages(root, "tools", """
                packages {
                  ["tool"] = new Fetch { version = "1"; repository = "releases"; path = "tool.zip"; unpack = true }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("//tools/packages/tool (cells/tools/packages.pkl): cannot unpack 'tool.zip':"
                            + " cairn unpacks tar archives");
        }
    }

    @Test
    void aFetchPathLeavingTheRepositoryIsRefusedByPkl() {
        packages(root, "tools", """
                packages {
                  ["tool"] = new Fetch { version = "1"; repository = "releases"; path = "../etc/passwd" }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/tools/packages.pkl:4: Pkl evaluation failed")
                    .hasMessageContaining("segment == \"..\"");
        }
    }

    @Test
    void anEntryWithoutAKindSaysWhichKindsThereAre() {
        packages(root, "shop", "packages { [\"tool\"] { version = \"1\" } }\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/shop/packages.pkl: Pkl evaluation failed")
                    .hasMessageContaining("package \"tool\" has no kind: write [\"tool\"] = new Command { … },"
                            + " new Maven { … }, new Npm { … }, new JavaRuntime { … } or new Fetch { … }");
        }
    }

    @Test
    void helpersCanDeclareTemplatesOfTheSchemasClasses() {
        mavenProject("services/orders");
        mavenProject("services/billing");
        write(root, "cells/shop/lib/java.pkl", """
                import "cairn:Packages"

                service: Packages.Maven = new { jdk = "openjdk-21-jdk-headless"; extraArgs { "-DskipITs" } }
                """);
        packages(root, "shop", """
                import "lib/java.pkl"

                packages {
                  ["orders"] = (java.service) { version = "1"; source = "../../services/orders" }
                  ["billing"] = (java.service) { version = "2"; source = "../../services/billing"; goals { "package" } }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            MavenBuild orders = (MavenBuild) spec(workspace, "//shop/packages/orders");
            MavenBuild billing = (MavenBuild) spec(workspace, "//shop/packages/billing");

            assertThat(orders.jdk()).isEqualTo("openjdk-21-jdk-headless");
            assertThat(orders.goals()).containsExactly("verify");
            assertThat(billing.extraArgs()).containsExactly("-DskipITs");
            assertThat(billing.goals()).containsExactly("package");
        }
    }

    @Test
    void dependenciesAreTheReferencedPackagesInOrder() {
        packages(root, "shared", """
                packages {
                  ["tokens"] = new Command { version = "1"; script = "true" }
                  ["fonts"] = new Command { version = "1"; script = "true" }
                }
                """);
        packages(root, "web", """
                packages {
                  ["site"] = new Command {
                    version = "1"
                    script = "true"
                    inputs { "//shared/packages/fonts"; "//web/packages/icons"; "//shared/packages/tokens" }
                  }
                  ["icons"] = new Command { version = "1"; script = "true" }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            PackageTarget site = workspace.packageTarget(TargetAddress.parse("//web/packages/site"));

            assertThat(workspace.dependencies(site)).extracting(t -> t.address().toString()).containsExactly(
                    "//shared/packages/fonts", "//web/packages/icons", "//shared/packages/tokens");
            assertThat(workspace.dependencies(workspace.packageTarget(TargetAddress.parse("//web/packages/icons"))))
                    .isEmpty();
        }
    }

    @Test
    void aReferenceToAMissingPackageFailsWhenResolvedNamingTheReferrer() {
        packages(root, "shared", "packages { [\"tokens\"] = new Command { version = \"1\"; script = \"true\" } }\n");
        packages(root, "web", """
                packages {
                  ["site"] = new Command { version = "1"; script = "true"; inputs { "//shared/packages/tokenz" } }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            PackageTarget site = workspace.packageTarget(TargetAddress.parse("//web/packages/site"));

            assertThatThrownBy(() -> workspace.dependencies(site))
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("//web/packages/site (cells/web/packages.pkl): input //shared/packages/tokenz:"
                            + " no target //shared/packages/tokenz in workspace " + root
                            + "; did you mean //shared/packages/tokens?")
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .isEqualTo("`cairn list` shows every target");
        }
    }

    @Test
    void anImageIsNotAPackage() {
        ociImages(root, "web", "images { [\"site\"] {} }\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(() -> workspace.packageTarget(TargetAddress.parse("//web/oci-images/site")))
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("//web/oci-images/site is not a package");
        }
    }

    @Test
    void aSymbolicLinkLeadingOutOfTheWorkspaceIsRefused() throws Exception {
        Path outside = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-outside"));
        try {
            Files.createDirectories(root.resolve("cells/tools"));
            Files.createSymbolicLink(root.resolve("cells/tools/src"), outside);
            packages(root, "tools", """
                    packages { ["hello"] = new Command { version = "1"; source = "src"; script = "make" } }
                    """);

            try (Workspace workspace = Workspace.locate(root)) {
                assertThatThrownBy(workspace::targets)
                        .isInstanceOf(WorkspaceException.class)
                        .hasMessage("//tools/packages/hello (cells/tools/packages.pkl): source 'src' leads through a"
                                + " symbolic link to " + outside.toRealPath() + ", outside the workspace " + root);
            }
        } finally {
            Files.delete(outside);
        }
    }
}
