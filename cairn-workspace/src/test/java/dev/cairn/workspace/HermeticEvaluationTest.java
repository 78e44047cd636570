package dev.cairn.workspace;

import static dev.cairn.workspace.TestWorkspaces.ociImages;
import static dev.cairn.workspace.TestWorkspaces.packages;
import static dev.cairn.workspace.TestWorkspaces.workspace;
import static dev.cairn.workspace.TestWorkspaces.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.image.Content;
import dev.cairn.image.ContentSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluator loads only workspace files, the bundled cairn: modules and pkl: — every other
 * module is refused before any connection is attempted (its HTTP client cannot connect at all),
 * so these tests assert on the message alone.
 */
class HermeticEvaluationTest {
    @TempDir
    Path dir;

    Path root;

    @BeforeEach
    void createWorkspace() throws Exception {
        root = workspace(dir.resolve("ws"), "shop").toRealPath();
    }

    @Test
    void anHttpsImportIsRefusedAtItsLine() {
        ociImages(root, "hello", """
                import "https://example.com/lib.pkl"

                images { ["hello"] { cmd { lib.command } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/hello/oci-images.pkl:3: Pkl evaluation failed")
                    .hasMessageContaining("cairn does not load module `https://example.com/lib.pkl`")
                    .hasMessageContaining("never fetches modules from the network");
        }
    }

    @Test
    void amendingARemoteModuleIsRefused() {
        write(root, "cells/hello/oci-images.pkl", "amends \"https://example.com/OciImages.pkl\"\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .hasMessageStartingWith("cells/hello/oci-images.pkl:1: Pkl evaluation failed")
                    .hasMessageContaining("cairn does not load module `https://example.com/OciImages.pkl`");
        }
    }

    @Test
    void aPackageImportIsRefused() {
        ociImages(root, "hello", """
                import "package://pkg.pkl-lang.org/pkl-pantry/pkl.toml@1.0.0#/toml.pkl" as toml

                images { ["hello"] { cmd { toml.Renderer.toString() } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .hasMessageContaining("cairn does not load module `package://pkg.pkl-lang.org/");
        }
    }

    @Test
    void aModuleOutsideTheWorkspaceIsRefused() throws Exception {
        write(dir, "outside.pkl", "command = \"/bin/sh\"\n");
        ociImages(root, "hello", """
                import "../../../outside.pkl"

                images { ["hello"] { cmd { outside.command } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .hasMessageContaining("cairn does not load module `" + dir.toRealPath().resolve("outside.pkl").toUri())
                    .hasMessageContaining("it is outside the workspace " + root);
        }
    }

    @Test
    void readingTheNetworkOrTheEnvironmentIsRefused() {
        for (String resource : new String[] {"https://example.com/token", "env:HOME"}) {
            ociImages(root, "hello", "images { [\"hello\"] { cmd { read(\"" + resource + "\").text } } }\n");

            try (Workspace workspace = Workspace.locate(root)) {
                assertThatThrownBy(workspace::targets)
                        .as(resource)
                        .hasMessageStartingWith("cells/hello/oci-images.pkl:3: Pkl evaluation failed")
                        .hasMessageContaining("cairn does not read resource `" + resource + "`");
            }
        }
    }

    @Test
    void filesOfTheWorkspaceAndPropertiesCanBeRead() {
        write(root, "cells/hello/version.txt", "1.2.3");
        ociImages(root, "hello", """
                images {
                  ["hello"] {
                    labels {
                      ["version"] = read("version.txt").text
                      ["channel"] = read("prop:channel")
                    }
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root, Map.of("channel", "stable"))) {
            ImageTarget target = (ImageTarget) workspace.targets().getFirst();

            assertThat(target.image().labels()).containsExactly(
                    Map.entry("version", "1.2.3"), Map.entry("channel", "stable"));
        }
    }

    @Test
    void theCairnModulesAreBundledAndImportable() {
        write(root, "cells/hello/lib/defaults.pkl", """
                import "cairn:OciImages"
                import "cairn:Workspace"

                base: OciImages.Image = new { env { ["LANG"] = "C.UTF-8" } }
                """);
        ociImages(root, "hello", """
                import "lib/defaults.pkl"

                images { ["hello"] = (defaults.base) { cmd { "true" } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            ImageTarget target = (ImageTarget) workspace.targets().getFirst();

            assertThat(workspace.name()).isEqualTo("shop");
            assertThat(target.image().env()).containsExactly(Map.entry("LANG", "C.UTF-8"));
            assertThat(target.image().cmd()).containsExactly("true");
        }
    }

    @Test
    void theDebianModuleIsBundledAndTheSameClassEverywhere() {
        write(root, "cells/hello/lib/packages.pkl", """
                import "cairn:debian" as deb

                shell: deb.Packages = deb.packages(List("busybox"))
                """);
        ociImages(root, "hello", """
                import "cairn:debian"
                import "lib/packages.pkl"

                images { ["hello"] { contents { packages.shell; new debian.Packages { names { "tzdata" } } } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            ImageTarget target = (ImageTarget) workspace.targets().getFirst();

            assertThat(target.image().contents()).extracting(Content::source).containsExactly(
                    new ContentSource.DebianPackages(List.of("busybox")),
                    new ContentSource.DebianPackages(List.of("tzdata")));
        }
    }

    @Test
    void aPackagesBlockIsEvaluatedUnderTheSameRules() {
        Map<String, String> refused = Map.of(
                "import \"https://example.com/lib.pkl\"\n\n", "lib.version",
                "", "read(\"env:HOME\").text");
        refused.forEach((header, version) -> {
            packages(root, "hello", header + "packages {\n  [\"hello\"] = new Command { version = " + version
                    + "; script = \"true\" }\n}\n");

            try (Workspace workspace = Workspace.locate(root)) {
                assertThatThrownBy(workspace::targets)
                        .as(version)
                        .isInstanceOf(WorkspaceException.class)
                        .hasMessageStartingWith("cells/hello/packages.pkl:" + (header.isEmpty() ? 4 : 3)
                                + ": Pkl evaluation failed")
                        .hasMessageContaining("cairn does not");
            }
        });
    }

    @Test
    void theSharedTypesAreImportable() {
        write(root, "cells/hello/lib/paths.pkl", """
                import "cairn:types"

                jre: types.StorePath = "/cairn/store/0c5m2fv7hlqf3qbx8qpmdrw9ccc3dcjp-openjdk-21-jre"
                """);
        ociImages(root, "hello", """
                import "lib/paths.pkl"

                images { ["hello"] { contents { new { source = paths.jre; path = "/opt/jre" } } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            ImageTarget target = (ImageTarget) workspace.targets().getFirst();

            assertThat(target.image().contents().getFirst().source()).isInstanceOf(ContentSource.StoreObject.class);
        }
    }

    @Test
    void cairnPklReadsNeitherTheEnvironmentNorTheNetwork() {
        write(root, "cairn.pkl", """
                amends "cairn:Workspace"

                name = "shop"
                debian { repositories { ["debian"] { uri = read("env:MIRROR").text; suites { "bookworm" } } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::archiveSettings)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cairn.pkl:4: Pkl evaluation failed")
                    .hasMessageContaining("cairn does not read resource `env:MIRROR`");
        }
    }

    @Test
    void anUnknownCairnModuleIsPklsCannotFindModule() {
        write(root, "cells/hello/oci-images.pkl", "amends \"cairn:OciImage\"\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .hasMessageStartingWith("cells/hello/oci-images.pkl:1: Pkl evaluation failed")
                    .hasMessageContaining("Cannot find module `cairn:OciImage`");
        }
    }

    @Test
    void theBundledModulesAreResources() throws Exception {
        assertThat(CairnModules.source("OciImages")).contains("module cairn.OciImages");
        assertThat(CairnModules.source("Workspace")).contains("module cairn.Workspace");
        assertThat(CairnModules.source("debian")).contains("module cairn.debian");
        assertThat(CairnModules.source("Packages")).contains("module cairn.Packages");
        assertThat(CairnModules.source("types")).contains("module cairn.types");
        assertThat(CairnModules.source("../OciImages")).isNull();
        assertThat(CairnModules.source("debian.pkl")).isNull();
        assertThat(CairnModules.source("Nope")).isNull();
    }
}
