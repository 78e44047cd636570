package dev.cairn.workspace;

import static dev.cairn.workspace.TestWorkspaces.ociImages;
import static dev.cairn.workspace.TestWorkspaces.workspace;
import static dev.cairn.workspace.TestWorkspaces.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.image.Content;
import dev.cairn.image.ContentSource;
import dev.cairn.image.ImageSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian packages as image contents: {@code import "cairn:debian"} in an oci-images block. */
class DebianPackagesContentTest {
    @TempDir
    Path dir;

    Path root;

    @BeforeEach
    void createWorkspace() throws Exception {
        root = workspace(dir, "shop").toRealPath();
    }

    @Test
    void packagesAreADeclarationLaidAtTheRootInOrderWithTheOtherContents() {
        write(root, "cells/app/files/app.jar", "PK");
        write(root, "cells/app/files/app.properties", "port=8080\n");
        ociImages(root, "app", """
                import "cairn:debian"

                images {
                  ["server"] {
                    contents {
                      new { source = "files/app.properties"; path = "/app/app.properties" }
                      new debian.Packages { names { "openjdk-17-jre-headless"; "ca-certificates" } }
                      new { source = "files/app.jar"; path = "/app/app.jar" }
                    }
                    entrypoint { "/usr/bin/java"; "-jar"; "/app/app.jar" }
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            ImageSpec image = ((ImageTarget) workspace.targets().getFirst()).image();

            assertThat(image.contents()).containsExactly(
                    new Content(new ContentSource.WorkspaceFile(
                            root.resolve("cells/app/files/app.properties"), "files/app.properties"),
                            "/app/app.properties", null, 0, 0),
                    new Content(new ContentSource.DebianPackages(List.of("openjdk-17-jre-headless", "ca-certificates")),
                            "/", null, 0, 0),
                    new Content(new ContentSource.WorkspaceFile(root.resolve("cells/app/files/app.jar"), "files/app.jar"),
                            "/app/app.jar", null, 0, 0));
        }
    }

    @Test
    void theShorthandFunctionGivesTheSameContent() {
        write(root, "cells/app/files/server.js", "require('http')\n");
        ociImages(root, "app", """
                import "cairn:debian"

                images {
                  ["node"] {
                    contents {
                      debian.packages(List("nodejs", "libc6:amd64=2.36-9+deb12u4"))
                      new { source = "files/server.js"; path = "/app/server.js" }
                      debian.packages(List("tini=0.19.0-1"))
                    }
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            ImageSpec image = ((ImageTarget) workspace.targets().getFirst()).image();

            assertThat(image.contents()).extracting(Content::source).containsExactly(
                    new ContentSource.DebianPackages(List.of("nodejs", "libc6:amd64=2.36-9+deb12u4")),
                    new ContentSource.WorkspaceFile(root.resolve("cells/app/files/server.js"), "files/server.js"),
                    new ContentSource.DebianPackages(List.of("tini=0.19.0-1")));
        }
    }

    @Test
    void packagesCanBeDeclaredInAHelperAndAmendedInTheBlock() {
        write(root, "cells/app/lib/runtimes.pkl", """
                import "cairn:debian"

                jre: debian.Packages = new { names { "openjdk-17-jre-headless" } }
                """);
        ociImages(root, "app", """
                import "lib/runtimes.pkl"

                images { ["server"] { contents { (runtimes.jre) { names { "fontconfig" } } } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            ImageSpec image = ((ImageTarget) workspace.targets().getFirst()).image();

            assertThat(image.contents()).extracting(Content::source).containsExactly(
                    new ContentSource.DebianPackages(List.of("openjdk-17-jre-headless", "fontconfig")));
        }
    }

    @Test
    void aBadPackageNameIsAPklErrorAtItsLine() {
        ociImages(root, "app", """
                import "cairn:debian"

                images {
                  ["server"] {
                    contents {
                      new debian.Packages { names { "openjdk-17-jre-headless"; "OpenJDK_17" } }
                    }
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/app/oci-images.pkl:8: Pkl evaluation failed\n–– Pkl Error ––")
                    .hasMessageContaining("Value: \"OpenJDK_17\"")
                    .hasMessageContaining("cairn.debian#Packages.names");
        }
    }

    @Test
    void aBadPackageNameInTheShorthandIsAPklErrorAtTheCall() {
        ociImages(root, "app", """
                import "cairn:debian"

                images {
                  ["node"] {
                    contents { debian.packages(List("nodejs", "node js")) }
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/app/oci-images.pkl:7: Pkl evaluation failed")
                    .hasMessageContaining("Value: \"node js\"");
        }
    }

    @Test
    void noPackagesAtAllIsRefused() {
        for (String contents : List.of("new debian.Packages {}", "debian.packages(List())")) {
            ociImages(root, "app", """
                    import "cairn:debian"

                    images { ["server"] { contents { %s } } }
                    """.formatted(contents));

            try (Workspace workspace = Workspace.locate(root)) {
                assertThatThrownBy(workspace::targets)
                        .as(contents)
                        .isInstanceOf(WorkspaceException.class)
                        .hasMessageStartingWith("cells/app/oci-images.pkl")
                        .hasMessageContaining("Type constraint `!isEmpty` violated");
            }
        }
    }

    @Test
    void aVersionThatIsNotADebianVersionNamesTheTargetAndTheBlock() {
        ociImages(root, "app", """
                import "cairn:debian"

                images { ["node"] { contents { debian.packages(List("nodejs=1:")) } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("//app/oci-images/node (cells/app/oci-images.pkl): Debian package request 'nodejs=1:':"
                            + " '1:' is not a Debian version: nothing follows the epoch")
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .asString()
                    .contains("[epoch:]upstream[-revision]");
        }
    }

    @Test
    void packagesWithoutImportingTheModuleAreAPklErrorNamingIt() {
        ociImages(root, "app", """
                images { ["node"] { contents { debian.packages(List("nodejs")) } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cells/app/oci-images.pkl:3: Pkl evaluation failed")
                    .hasMessageContaining("debian");
        }
    }
}
