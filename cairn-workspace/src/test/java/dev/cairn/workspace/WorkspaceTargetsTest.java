package dev.cairn.workspace;

import static dev.cairn.workspace.TestWorkspaces.ociImages;
import static dev.cairn.workspace.TestWorkspaces.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTargetsTest {
    @TempDir
    Path root;

    @BeforeEach
    void createWorkspace() {
        workspace(root, "shop");
        ociImages(root, "web", "images { [\"frontend\"] {}; [\"api\"] {} }\n");
        ociImages(root, "billing", "images { [\"worker\"] {} }\n");
    }

    @Test
    void targetsAreEveryImageOfEveryBlockSortedByAddress() {
        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(workspace.targets())
                    .extracting(t -> t.address().toString())
                    .containsExactly("//billing/oci-images/worker", "//web/oci-images/api", "//web/oci-images/frontend");
        }
    }

    @Test
    void aTargetIsFoundByItsAddress() {
        try (Workspace workspace = Workspace.locate(root)) {
            Target target = workspace.target(TargetAddress.parse("//web/oci-images/api"));

            assertThat(target).isInstanceOf(ImageTarget.class);
            assertThat(((ImageTarget) target).image().name()).isEqualTo("api");
        }
    }

    @Test
    void anUnknownTargetSuggestsTheClosestAddress() {
        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(() -> workspace.target(TargetAddress.parse("//web/oci-images/frontent")))
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("no target //web/oci-images/frontent in workspace " + workspace.root()
                            + "; did you mean //web/oci-images/frontend?")
                    .extracting(e -> ((WorkspaceException) e).hint())
                    .isEqualTo("`cairn list` shows every target");
        }
    }

    @Test
    void aMistypedBlockOrCellIsSuggestedToo() {
        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(() -> workspace.target(TargetAddress.parse("//billing/oci-image/worker")))
                    .hasMessageEndingWith("; did you mean //billing/oci-images/worker?");
            assertThatThrownBy(() -> workspace.target(TargetAddress.parse("//biling/oci-images/worker")))
                    .hasMessageEndingWith("; did you mean //billing/oci-images/worker?");
        }
    }

    @Test
    void anAddressFarFromEveryTargetGetsNoSuggestion() {
        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(() -> workspace.target(TargetAddress.parse("//inventory/oci-images/postgres")))
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessage("no target //inventory/oci-images/postgres in workspace " + workspace.root());
        }
    }

    @Test
    void aBrokenBlockElsewhereDoesNotHideTheUnknownTargetError() {
        ociImages(root, "broken", "images { [\"x\"] { ports { \"http\" } } }\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(workspace.target(TargetAddress.parse("//web/oci-images/api")).address().cell()).isEqualTo("web");
            assertThatThrownBy(() -> workspace.target(TargetAddress.parse("//web/oci-images/apii")))
                    .hasMessageEndingWith("; did you mean //web/oci-images/api?");
            assertThatThrownBy(workspace::targets).hasMessageStartingWith("cells/broken/oci-images.pkl:3:");
        }
    }

    @Test
    void eachBlockIsEvaluatedOncePerWorkspace() {
        try (Workspace workspace = Workspace.locate(root)) {
            assertThat(workspace.targets()).hasSize(3);
            ociImages(root, "web", "images { [\"replaced\"] {} }\n");

            assertThat(workspace.targets()).hasSize(3);
            assertThat(workspace.target(TargetAddress.parse("//web/oci-images/api"))).isNotNull();
        }
        try (Workspace fresh = Workspace.locate(root)) {
            assertThat(fresh.targets()).extracting(t -> t.address().name()).containsExactly("worker", "replaced");
        }
    }

    @Test
    void aBlockErrorIsRememberedLikeItsTargets() {
        ociImages(root, "web", "images { [\"x\"] { ports { \"http\" } } }\n");

        try (Workspace workspace = Workspace.locate(root)) {
            assertThatThrownBy(workspace::targets).isInstanceOf(WorkspaceException.class);
            ociImages(root, "web", "images { [\"fixed\"] {} }\n");

            assertThatThrownBy(workspace::targets).isInstanceOf(WorkspaceException.class);
        }
    }

    @Test
    void aClosedWorkspaceKeepsItsTargetsButEvaluatesNoMore() {
        Workspace workspace = Workspace.locate(root);
        Target api = workspace.target(TargetAddress.parse("//web/oci-images/api"));
        workspace.close();

        assertThat(api.address().name()).isEqualTo("api");
        assertThat(workspace.target(TargetAddress.parse("//web/oci-images/frontend"))).isNotNull();
        assertThatThrownBy(() -> workspace.target(TargetAddress.parse("//billing/oci-images/worker")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("is closed");
    }
}
