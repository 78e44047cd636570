package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.OciException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushPlanTest {
    private static final Repository REPOSITORY = new Repository("127.0.0.1:5000", "team/app");
    private static final byte[] MANIFEST = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);

    private static PushPlan.Blob blob(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return PushPlan.Blob.of(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(bytes), bytes.length), BlobSource.of(bytes));
    }

    @Test
    void theManifestGoesUnderEachTagOrItsDigestWhenUntagged() {
        PushPlan plan = PushPlan.of(REPOSITORY, List.of(blob("a")), MANIFEST, MediaTypes.OCI_MANIFEST, "1.0", "latest");
        PushPlan untagged = PushPlan.of(REPOSITORY, List.of(blob("a")), MANIFEST, MediaTypes.OCI_MANIFEST);
        assertThat(plan.manifestDigest()).isEqualTo(Digest.sha256(MANIFEST));
        assertThat(plan.manifestReferences()).containsExactly("1.0", "latest");
        assertThat(untagged.manifestReferences()).containsExactly(Digest.sha256(MANIFEST).toString());
    }

    @Test
    void aBlobNamedTwiceIsPushedOnce() {
        PushPlan plan = PushPlan.of(REPOSITORY, List.of(blob("same"), blob("other"), blob("same")), MANIFEST, MediaTypes.OCI_MANIFEST);
        assertThat(plan.blobs()).extracting(PushPlan.Blob::digest)
                .containsExactly(blob("same").digest(), blob("other").digest());
    }

    @Test
    void aBadTagIsRefusedWhenPlanning() {
        assertThatThrownBy(() -> PushPlan.of(REPOSITORY, List.of(), MANIFEST, MediaTypes.OCI_MANIFEST, "no spaces"))
                .isInstanceOf(OciException.class)
                .hasMessageContaining("'no spaces' is not a tag");
    }

    @Test
    void theManifestBytesCannotBeChangedAfterPlanning() {
        byte[] manifest = MANIFEST.clone();
        PushPlan plan = PushPlan.of(REPOSITORY, List.of(), manifest, MediaTypes.OCI_MANIFEST);
        manifest[0] = 'X';
        plan.manifest()[1] = 'Y';
        assertThat(plan.manifest()).isEqualTo(MANIFEST);
    }

    @Test
    void aRepositoryIsParsedWithoutTagOrDigest() {
        assertThat(Repository.parse("127.0.0.1:5000/team/app")).isEqualTo(REPOSITORY);
        assertThatThrownBy(() -> Repository.parse("127.0.0.1:5000/team/app:1")).isInstanceOf(OciException.class)
                .hasMessageContaining("names an image, not a repository");
    }
}
