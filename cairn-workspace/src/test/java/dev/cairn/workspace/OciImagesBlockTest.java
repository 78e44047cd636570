package dev.cairn.workspace;

import static dev.cairn.workspace.TestWorkspaces.ociImages;
import static dev.cairn.workspace.TestWorkspaces.workspace;
import static dev.cairn.workspace.TestWorkspaces.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.image.Content;
import dev.cairn.image.ContentSource;
import dev.cairn.image.ImageSpec;
import dev.cairn.image.PathPermission;
import dev.cairn.store.StorePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciImagesBlockTest {
    private static final String JRE = "/cairn/store/0c5m2fv7hlqf3qbx8qpmdrw9ccc3dcjp-openjdk-21-jre";

    @TempDir
    Path dir;

    Path root;

    @BeforeEach
    void createWorkspace() throws Exception {
        root = workspace(dir, "shop").toRealPath();
    }

    @Test
    void aValidBlockEvaluatesToItsImageSpec() {
        write(root, "cells/hello/files/hello", "#!/bin/sh\necho hello\n");
        write(root, "cells/hello/static/index.html", "<p>hello</p>\n");
        ociImages(root, "hello", """
                images {
                  ["hello"] {
                    contents {
                      new { source = "files/hello"; path = "/bin/hello"; mode = "0755" }
                      new { source = "static"; path = "/srv/www"; uid = 1000; gid = 1001 }
                      new { source = "%s"; path = "/opt/jre"; mode = "644" }
                    }
                    entrypoint { "/bin/hello"; "--serve" }
                    cmd { "--port"; "8080" }
                    env {
                      ["PATH"] = "/bin:/opt/jre/bin"
                      ["LANG"] = "C.UTF-8"
                      ["APP_MODE"] = "production"
                    }
                    user = "1000:1000"
                    workdir = "/srv"
                    ports { "8080"; "9090/tcp"; "53/udp" }
                    labels { ["org.opencontainers.image.title"] = "hello" }
                    architecture = "arm64"
                    stopSignal = "SIGINT"
                  }
                }
                """.formatted(JRE));

        try (Workspace workspace = Workspace.locate(root)) {
            List<Target> targets = workspace.targets();

            assertThat(targets).hasSize(1);
            ImageTarget target = (ImageTarget) targets.getFirst();
            assertThat(target.address()).isEqualTo(TargetAddress.parse("//hello/oci-images/hello"));
            assertThat(target.blockFile()).isEqualTo(root.resolve("cells/hello/oci-images.pkl"));
            assertThat(target.actions()).containsExactly(Action.BUILD, Action.PUBLISH, Action.LOAD);
            assertThat(target.image()).isEqualTo(new ImageSpec(
                    "hello",
                    List.of(
                            new Content(new ContentSource.WorkspaceFile(
                                    root.resolve("cells/hello/files/hello"), "files/hello"),
                                    "/bin/hello", 0755, 0, 0),
                            new Content(new ContentSource.WorkspaceFile(
                                    root.resolve("cells/hello/static"), "static"),
                                    "/srv/www", null, 1000, 1001),
                            new Content(new ContentSource.StoreObject(StorePath.parse(JRE)), "/opt/jre", 0644, 0, 0)),
                    List.of("/bin/hello", "--serve"),
                    List.of("--port", "8080"),
                    Map.of("PATH", "/bin:/opt/jre/bin", "LANG", "C.UTF-8", "APP_MODE", "production"),
                    "1000:1000",
                    "/srv",
                    List.of("8080/tcp", "9090/tcp", "53/udp"),
                    Map.of("org.opencontainers.image.title", "hello"),
                    "arm64",
                    "SIGINT"));
            assertThat(target.image().env().keySet()).containsExactly("PATH", "LANG", "APP_MODE");
        }
    }

    @Test
    void anImageWithOnlyDefaultsHasEmptySettingsAndAmd64() {
        ociImages(root, "hello", "images { [\"empty\"] {} }\n");

        try (Workspace workspace = Workspace.locate(root)) {
            ImageSpec image = ((ImageTarget) workspace.target(TargetAddress.parse("//hello/oci-images/empty"))).image();

            assertThat(image).isEqualTo(new ImageSpec(
                    "empty", List.of(), List.of(), List.of(), Map.of(), null, null, List.of(), Map.of(), "amd64", null));
        }
    }

    @Test
    void envKeepsDeclarationOrderAcrossAmendedTemplates() {
        ociImages(root, "hello", """
                local base: Image = new { env { ["Z_FIRST"] = "1"; ["A_SECOND"] = "2" } }
                images {
                  ["api"] = (base) { env { ["M_THIRD"] = "3"; ["Z_FIRST"] = "overridden" } }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            ImageSpec image = ((ImageTarget) workspace.targets().getFirst()).image();

            assertThat(image.env()).containsExactly(
                    Map.entry("Z_FIRST", "overridden"), Map.entry("A_SECOND", "2"), Map.entry("M_THIRD", "3"));
        }
    }

    @Test
    void sourcesAreRelativeToTheBlockFileEvenWhenAHelperDeclaresThem() {
        write(root, "cells/hello/files/hello", "hello");
        write(root, "cells/hello/lib/parts.pkl", """
                import "cairn:OciImages"

                hello: OciImages.Content = new { source = "files/hello"; path = "/bin/hello" }
                """);
        ociImages(root, "hello", """
                import "lib/parts.pkl"

                images { ["hello"] { contents { parts.hello } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            ImageSpec image = ((ImageTarget) workspace.targets().getFirst()).image();

            assertThat(image.contents().getFirst().source())
                    .isEqualTo(new ContentSource.WorkspaceFile(root.resolve("cells/hello/files/hello"), "files/hello"));
        }
    }

    @Test
    void aSourceMayComeFromElsewhereInTheWorkspace() {
        write(root, "shared/ca.pem", "-----BEGIN CERTIFICATE-----\n");
        ociImages(root, "hello", """
                images { ["hello"] { contents { new { source = "../../shared/ca.pem"; path = "/etc/ssl/ca.pem" } } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            ImageSpec image = ((ImageTarget) workspace.targets().getFirst()).image();

            assertThat(image.contents().getFirst().source())
                    .isEqualTo(new ContentSource.WorkspaceFile(root.resolve("shared/ca.pem"), "../../shared/ca.pem"));
        }
    }

    @Test
    void aPortThatIsNotANumberIsAPklErrorWithTheBlockFileAndLine() {
        ociImages(root, "hello", """
                images {
                  ["hello"] {
                    ports { "http" }
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/hello/oci-images.pkl:5: Pkl evaluation failed\n–– Pkl Error ––")
                    .hasMessageContaining("Value: \"http\"")
                    .hasMessageContaining("5 | ports { \"http\" }")
                    .hasMessageContaining(root.resolve("cells/hello/oci-images.pkl").toUri().toString())
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .asString()
                    .contains("cairn:OciImages");
        }
    }

    @Test
    void permsAreReadInTheOrderWrittenWithWhatEachSets() {
        ociImages(root, "hello", """
                images {
                  ["hello"] {
                    perms {
                      ["/app/bin/*"] { mode = "0755" }
                      ["/srv/data/**"] { uid = 101; gid = 102 }
                      ["/srv/data"] { mode = "700"; uid = 101 }
                    }
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            ImageSpec image = ((ImageTarget) workspace.targets().getFirst()).image();

            assertThat(image.perms()).containsExactly(
                    new PathPermission("/app/bin/*", 0755, null, null),
                    new PathPermission("/srv/data/**", null, 101, 102),
                    new PathPermission("/srv/data", 0700, 101, null));
        }
    }

    @Test
    void aPermsEntryWithABadModeOrNothingToSetIsAPklErrorAtItsLine() {
        for (String perm : List.of("{ mode = \"0999\" }", "{ mode = \"rwxr-xr-x\" }", "{}", "{ uid = -1 }")) {
            ociImages(root, "hello", """
                    images {
                      ["hello"] {
                        perms { ["/app"] %s }
                      }
                    }
                    """.formatted(perm));

            try (Workspace workspace = Workspace.locate(root)) {
                assertThatThrownBy(workspace::targets)
                        .as(perm)
                        .isInstanceOf(WorkspaceException.class)
                        .hasMessageStartingWith("cells/hello/oci-images.pkl:5: Pkl evaluation failed")
                        .hasMessageContaining("perms { [\"/app\"] " + perm + " }");
            }
        }
    }

    @Test
    void aMisspelledPropertyIsAPklErrorWithTheBlockFileLineAndSuggestion() {
        ociImages(root, "hello", """
                images {
                  ["hello"] {
                    entrypont { "/bin/hello" }
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/hello/oci-images.pkl:5: Pkl evaluation failed")
                    .hasMessageContaining("Cannot find property `entrypont`")
                    .hasMessageContaining("entrypoint");
        }
    }

    @Test
    void constraintsOfTheSchemaAreCheckedByPkl() {
        List<String> wrong = List.of(
                "architecture = \"x86_64\"",
                "ports { \"70000\" }",
                "workdir = \"srv\"",
                "contents { new { source = \"f\"; path = \"bin/hello\" } }",
                "contents { new { source = \"f\"; path = \"/app/../etc/passwd\" } }",
                "contents { new { source = \"f\"; path = \"/f\"; mode = \"0999\" } }",
                "contents { new { source = \"f\"; path = \"/f\"; uid = -1 } }",
                "contents { new { source = \"/etc/passwd\"; path = \"/f\" } }",
                "contents { new { path = \"/f\" } }",
                "stopSignal = \"TERM\"",
                "env { [\"A=B\"] = \"c\" }");
        for (String setting : wrong) {
            ociImages(root, "hello", "images {\n  [\"hello\"] {\n    " + setting + "\n  }\n}\n");
            try (Workspace workspace = Workspace.locate(root)) {
                assertThatThrownBy(workspace::targets)
                        .as(setting)
                        .isInstanceOf(WorkspaceException.class)
                        .hasMessageStartingWith("cells/hello/oci-images.pkl")
                        .hasMessageContaining("Pkl Error");
            }
        }
    }

    @Test
    void anInvalidTargetNameIsAPklError() {
        ociImages(root, "hello", "images { [\"Hello_World\"] {} }\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/hello/oci-images.pkl:3: Pkl evaluation failed")
                    .hasMessageContaining("Hello_World");
        }
    }

    @Test
    void aMissingSourceNamesTheTargetTheBlockAndThePath() {
        ociImages(root, "hello", """
                images { ["hello"] { contents { new { source = "files/hello"; path = "/bin/hello" } } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("//hello/oci-images/hello (cells/hello/oci-images.pkl): content source 'files/hello'"
                            + " does not exist: no file or directory " + root.resolve("cells/hello/files/hello"))
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .isEqualTo("check the path; it is relative to the block file's directory, cells/hello/");
        }
    }

    @Test
    void aSourceEscapingTheWorkspaceIsRefused() {
        ociImages(root, "hello", """
                images { ["hello"] { contents { new { source = "../../../etc"; path = "/etc" } } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("//hello/oci-images/hello (cells/hello/oci-images.pkl): content source"
                            + " '../../../etc' is ")
                    .hasMessageEndingWith(", outside the workspace " + root)
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .asString()
                    .contains("cairn store add");
        }
    }

    @Test
    void aSymbolicLinkLeadingOutOfTheWorkspaceIsRefused() throws Exception {
        Path outside = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-outside"));
        try {
            Files.createDirectories(root.resolve("cells/hello"));
            Files.createSymbolicLink(root.resolve("cells/hello/secrets"), outside);
            ociImages(root, "hello", """
                    images { ["hello"] { contents { new { source = "secrets"; path = "/secrets" } } } }
                    """);

            try (Workspace workspace = Workspace.locate(root)) {
                assertThatThrownBy(workspace::targets)
                        .isInstanceOf(WorkspaceException.class)
                        .hasMessage("//hello/oci-images/hello (cells/hello/oci-images.pkl): content source 'secrets'"
                                + " leads through a symbolic link to " + outside.toRealPath()
                                + ", outside the workspace " + root);
            }
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aStorePathWithAnInvalidNameIsNamed() {
        ociImages(root, "hello", """
                images { ["hello"] { contents { new { source = "/cairn/store/0c5m2fv7hlqf3qbx8qpmdrw9ccc3dcjp-.hidden"; path = "/x" } } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("//hello/oci-images/hello (cells/hello/oci-images.pkl): content source"
                            + " store name '.hidden' starts with '.'");
        }
    }

    @Test
    void aBlockThatDoesNotAmendItsSchemaIsRejected() {
        write(root, "cells/hello/oci-images.pkl", "images {}\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("cells/hello/oci-images.pkl does not amend \"cairn:OciImages\"")
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .isEqualTo("start cells/hello/oci-images.pkl with the line: amends \"cairn:OciImages\"");
        }
    }

    @Test
    void anErrorInAnImportedHelperNamesTheBlockAndTheHelperLine() {
        write(root, "cells/hello/lib/broken.pkl", "x: Int = \"not a number\"\n");
        ociImages(root, "hello", """
                import "lib/broken.pkl"

                images { ["hello"] { cmd { broken.x.toString() } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/hello/oci-images.pkl: Pkl evaluation failed at cells/hello/lib/broken.pkl:1\n");
        }
    }
}
