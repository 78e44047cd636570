package dev.cairn.workspace;

import static dev.cairn.workspace.TestWorkspaces.ociImages;
import static dev.cairn.workspace.TestWorkspaces.workspace;
import static dev.cairn.workspace.TestWorkspaces.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceDiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void workspaceIsFoundFromANestedDirectory() throws Exception {
        Path root = workspace(dir.resolve("repo"), "shop");
        Path nested = Files.createDirectories(root.resolve("cells/web/files/deep"));

        try (Workspace workspace = Workspace.locate(nested)) {
            assertThat(workspace.root()).isEqualTo(root.toRealPath());
            assertThat(workspace.name()).isEqualTo("shop");
        }
    }

    @Test
    void theLockIsParsedOnceAndAgainWhenTheFileChanges() throws Exception {
        Path root = workspace(dir.resolve("locked"), "shop");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(workspace.lock().packages()).isEmpty(); // no cairn.lock: an empty lock
            Files.write(root.resolve(LockFile.FILE_NAME), LockFile.bytes(Lock.empty()));
            Lock read = workspace.lock();
            assertThat(workspace.lock()).isSameAs(read);

            Files.writeString(root.resolve(LockFile.FILE_NAME), "{\"lockVersion\": 999}\n");
            assertThatThrownBy(workspace::lock).hasMessageContaining("lock format 999");
        }
    }

    @Test
    void theNearestCairnPklWins() throws Exception {
        workspace(dir, "outer");
        Path inner = workspace(dir.resolve("vendor/inner"), "inner");

        try (Workspace workspace = Workspace.locate(inner.resolve("."))) {
            assertThat(workspace.root()).isEqualTo(inner.toRealPath());
            assertThat(workspace.name()).isEqualTo("inner");
        }
    }

    @Test
    void noCairnPklUpToTheRootIsAnErrorNamingTheDirectory() throws Exception {
        Path start = Files.createDirectories(dir.resolve("not-a-workspace/src"));

        assertThatThrownBy(() -> Workspace.locate(start))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("no cairn.pkl in " + start.toRealPath() + " or any parent directory")
                .extracting(e -> ((WorkspaceException) e).hint())
                .isEqualTo("run cairn inside a workspace, or pass -C DIR");
    }

    @Test
    void aStartDirectoryThatDoesNotExistIsNamed() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> Workspace.locate(missing))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("directory " + missing + " does not exist");
    }

    @Test
    void blocksAreTheKnownFilesOfEachCellAndHelpersAreIgnored() throws Exception {
        workspace(dir, "shop");
        ociImages(dir, "web", "images {}\n");
        ociImages(dir, "api", "images {}\n");
        write(dir, "cells/web/common.pkl", "this is a helper and is not evaluated {");
        write(dir, "cells/docs/README.md", "not a cell: it has no block");
        write(dir, "cells/Scratch_Notes/notes.pkl", "no block here either");

        try (Workspace workspace = Workspace.locate(dir)) {
            assertThat(workspace.blocks())
                    .extracting(b -> b.cell() + "/" + b.type().fileName())
                    .containsExactly("api/oci-images.pkl", "web/oci-images.pkl");
            assertThat(workspace.blocks().getFirst().file())
                    .isEqualTo(dir.toRealPath().resolve("cells/api/oci-images.pkl"));
            assertThat(workspace.targets()).isEmpty();
        }
    }

    @Test
    void aWorkspaceWithoutCellsHasNoTargets() {
        workspace(dir, "empty");

        try (Workspace workspace = Workspace.locate(dir)) {
            assertThat(workspace.blocks()).isEmpty();
            assertThat(workspace.targets()).isEmpty();
        }
    }

    @Test
    void aCellWithAnInvalidNameIsRejected() {
        workspace(dir, "shop");
        ociImages(dir, "My_Service", "images {}\n");

        assertThatThrownBy(() -> Workspace.locate(dir))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("cell directory cells/My_Service is not a valid cell name")
                .extracting(e -> ((WorkspaceException) e).hint())
                .asString()
                .contains("lowercase letters, digits and '-'");
    }

    @Test
    void cairnPklWithoutANameFailsWithPklsMessage() {
        write(dir, "cairn.pkl", "amends \"cairn:Workspace\"\n");

        try (Workspace workspace = Workspace.locate(dir)) {
            assertThatThrownBy(workspace::name)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("cairn.pkl: Pkl evaluation failed")
                    .hasMessageContaining("`name`");
        }
    }

    @Test
    void cairnPklMustAmendTheWorkspaceModule() {
        write(dir, "cairn.pkl", "name = \"shop\"\n");

        try (Workspace workspace = Workspace.locate(dir)) {
            assertThatThrownBy(workspace::name)
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("cairn.pkl does not amend \"cairn:Workspace\"")
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .isEqualTo("start cairn.pkl with the line: amends \"cairn:Workspace\"");
        }
    }
}
