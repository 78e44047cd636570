package dev.cairn.workspace;

import static dev.cairn.workspace.TestWorkspaces.workspace;
import static dev.cairn.workspace.TestWorkspaces.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.debian.archive.AptSource;
import dev.cairn.inputs.debian.archive.ArchiveSettings;
import dev.cairn.inputs.debian.archive.NamedSource;
import dev.cairn.inputs.debian.archive.RepositoryUri;
import dev.cairn.inputs.debian.archive.SignedBy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code debian} settings of {@code cairn.pkl}, as the inputs layer takes them. */
class WorkspaceArchiveSettingsTest {
    @TempDir
    Path dir;

    Path root;

    @BeforeEach
    void createWorkspace() throws Exception {
        root = workspace(dir, "shop").toRealPath();
    }

    private void cairnPkl(String debian) {
        write(root, "cairn.pkl", "amends \"cairn:Workspace\"\n\nname = \"shop\"\n\n" + debian);
    }

    @Test
    void repositoriesAreNamedSourcesInTheOrderWritten() throws Exception {
        Path mirror = dir.resolve("mirror");
        Path securityKeys = write(dir, "keys/security.gpg", "not read here");
        write(root, "keys/archive.gpg", "not read here");
        cairnPkl("""
                debian {
                  repositories {
                    ["debian"] {
                      uri = "%s/debian/"
                      suites { "bookworm"; "bookworm-updates" }
                    }
                    ["debian-security"] {
                      uri = "%s/debian-security"
                      suites { "bookworm-security" }
                      components { "main"; "non-free-firmware" }
                      architectures { "amd64"; "arm64" }
                      signedBy = "%s"
                    }
                  }
                  keyring = "keys/archive.gpg"
                  checkValidUntil = false
                }
                """.formatted(mirror.toUri(), mirror.toUri(), securityKeys));

        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(workspace.archiveSettings()).isEqualTo(new ArchiveSettings(
                    List.of(
                            new NamedSource("debian", new AptSource(
                                    new RepositoryUri(URI.create("file:" + mirror + "/debian")),
                                    List.of("bookworm", "bookworm-updates"), List.of("main"), List.of(),
                                    Optional.empty(), "cairn.pkl: debian.repositories[\"debian\"]")),
                            new NamedSource("debian-security", new AptSource(
                                    new RepositoryUri(URI.create("file:" + mirror + "/debian-security")),
                                    List.of("bookworm-security"), List.of("main", "non-free-firmware"),
                                    List.of("amd64", "arm64"), Optional.of(SignedBy.keyring(securityKeys)),
                                    "cairn.pkl: debian.repositories[\"debian-security\"]"))),
                    Optional.of(root.resolve("keys/archive.gpg")),
                    false));
        }
    }

    @Test
    void aRelativeSignedByIsResolvedAgainstTheWorkspaceRoot() {
        write(root, "keys/local.asc", "not read here");
        write(root, "cells/app/oci-images.pkl", "amends \"cairn:OciImages\"\n");
        cairnPkl("""
                debian {
                  repositories {
                    ["local"] { uri = "file:/srv/local-repo"; suites { "stable" }; signedBy = "./keys/../keys/local.asc" }
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root.resolve("cells/app"))) {
            NamedSource local = workspace.archiveSettings().repositories().getFirst();

            assertThat(local.source().signedBy()).contains(SignedBy.keyring(root.resolve("keys/local.asc")));
            assertThat(local.source().uri()).isEqualTo(new RepositoryUri(URI.create("file:/srv/local-repo")));
        }
    }

    @Test
    void withoutDebianSettingsTheMachinesAptIsUsed() {
        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(workspace.archiveSettings()).isEqualTo(ArchiveSettings.machine());
        }
    }

    @Test
    void emptyDebianSettingsAreTheMachinesToo() {
        cairnPkl("debian {}\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(workspace.archiveSettings()).isEqualTo(ArchiveSettings.machine());
        }
    }

    @Test
    void aMissingSignedByFileNamesCairnPklTheRepositoryAndThePath() {
        cairnPkl("""
                debian {
                  repositories {
                    ["debian"] { uri = "http://mirror.example/debian"; suites { "bookworm" }; signedBy = "keys/missing.gpg" }
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::archiveSettings)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("cairn.pkl: debian.repositories[\"debian\"].signedBy 'keys/missing.gpg' is "
                            + root.resolve("keys/missing.gpg") + ", which does not exist")
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .asString()
                    .contains("relative to the workspace root " + root);
        }
    }

    @Test
    void aDefaultKeyringThatIsADirectoryIsRefused() {
        write(root, "keys/README", "keys go here");
        cairnPkl("debian { keyring = \"keys\" }\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::archiveSettings)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("cairn.pkl: debian.keyring 'keys' is " + root.resolve("keys") + ", which is not a file");
        }
    }

    @Test
    void aUriCairnCannotFetchFromNamesCairnPklAndTheRepository() {
        cairnPkl("""
                debian {
                  repositories {
                    ["debian"] { uri = "ftp://mirror.example/debian"; suites { "bookworm" } }
                  }
                }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::archiveSettings)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("cairn.pkl: debian.repositories[\"debian\"]: repository 'ftp://mirror.example/debian'"
                            + " uses the scheme 'ftp', which cairn cannot fetch from")
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .asString()
                    .contains("http://", "file:/");
        }
    }

    @Test
    void aUriWithoutAHostIsRefused() {
        cairnPkl("""
                debian { repositories { ["debian"] { uri = "http:///debian"; suites { "bookworm" } } } }
                """);

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::archiveSettings)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cairn.pkl: debian.repositories[\"debian\"]: ");
        }
    }

    @Test
    void namesAndSuitesAreCheckedByPklAtTheirLine() {
        List<String> wrong = List.of(
                "repositories { [\"Debian Main\"] { uri = \"file:/r\"; suites { \"stable\" } } }",
                "repositories { [\"debian\"] { uri = \"file:/r\" } }",
                "repositories { [\"debian\"] { uri = \"file:/r\"; suites { \"stable updates\" } } }",
                "repositories { [\"debian\"] { uri = \"file:/r\"; suites { \"stable\" }; architectures { \"x86_64\" } } }",
                "checkValidUntil = \"no\"");
        for (String setting : wrong) {
            cairnPkl("debian {\n  " + setting + "\n}\n");

            try (Workspace workspace = Workspace.locate(root)) {
                assertThatThrownBy(workspace::archiveSettings)
                        .as(setting)
                        .isInstanceOf(WorkspaceException.class)
                        .hasMessageStartingWith("cairn.pkl")
                        .hasMessageContaining("Pkl evaluation failed")
                        .hasMessageContaining("Pkl Error");
            }
        }
    }

    @Test
    void brokenArchiveSettingsDoNotHideTheWorkspacesName() {
        cairnPkl("debian { keyring = \"keys/missing.gpg\" }\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::archiveSettings).hasMessageContaining("keys/missing.gpg");
            assertThat(workspace.name()).isEqualTo("shop");
        }
    }

    @Test
    void cairnPklIsEvaluatedOncePerWorkspace() {
        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(workspace.name()).isEqualTo("shop");
            cairnPkl("debian { repositories { [\"debian\"] { uri = \"file:/r\"; suites { \"stable\" } } } }\n");

            assertThat(workspace.archiveSettings()).isEqualTo(ArchiveSettings.machine());
        }
    }
}
