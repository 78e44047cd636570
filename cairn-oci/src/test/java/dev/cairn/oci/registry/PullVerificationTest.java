package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.ImageReference;
import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.OciException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Content that does not match its digest is refused, and leaves nothing behind. */
@Timeout(60)
class PullVerificationTest {
    private static final byte[] EXPECTED = "the layer we asked for\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SERVED = "something else entirely\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private static StubServer serving(byte[] body, Map<String, String> headers) {
        return StubServer.start(exchange -> StubServer.respond(exchange, 200, headers, body));
    }

    @Test
    void aBlobWhoseDigestDoesNotMatchFailsNamingBothAndLeavesNoFile() throws Exception {
        Descriptor descriptor = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(EXPECTED), EXPECTED.length);
        Path file = temp.resolve("blobs/layer");
        try (StubServer registry = serving(SERVED, Map.of());
             RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.pullBlob(new Repository(registry.address(), "app"), descriptor, file))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("pulling blob " + descriptor.digest() + " from " + registry.address() + "/app")
                    .hasMessageContaining("expected " + descriptor.digest())
                    .hasMessageContaining("got " + Digest.sha256(SERVED));
        }
        assertThat(file).doesNotExist();
        try (var left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary file is left").isEmpty();
        }
    }

    @Test
    void aBlobLongerThanItsDescriptorSaysIsRefused() throws Exception {
        byte[] longer = (new String(EXPECTED, StandardCharsets.UTF_8) + "and more").getBytes(StandardCharsets.UTF_8);
        Descriptor descriptor = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(EXPECTED), EXPECTED.length);
        Path file = temp.resolve("layer");
        try (StubServer registry = serving(longer, Map.of());
             RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.pullBlob(new Repository(registry.address(), "app"), descriptor, file))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("(" + EXPECTED.length + " bytes)")
                    .hasMessageContaining("bytes or more");
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aManifestNotMatchingTheDigestItWasPulledByIsRefused() {
        Digest asked = Digest.sha256(EXPECTED);
        try (StubServer registry = serving(SERVED, Map.of("Content-Type", MediaTypes.OCI_MANIFEST));
             RegistryClient client = TestClients.client()) {
            ImageReference reference = new ImageReference(registry.address(), "app", null, asked);
            assertThatThrownBy(() -> client.pullManifest(reference))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("expected digest " + asked)
                    .hasMessageContaining("the content is " + Digest.sha256(SERVED));
        }
    }

    @Test
    void aManifestPulledByTagIsCheckedAgainstTheDigestTheRegistryClaims() {
        Digest claimed = Digest.sha256(EXPECTED);
        try (StubServer registry = serving(SERVED, Map.of("Content-Type", MediaTypes.OCI_MANIFEST,
                "Docker-Content-Digest", claimed.toString()));
             RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.pullManifest(new ImageReference(registry.address(), "app", "1", null)))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("expected digest " + claimed);
        }
    }

    @Test
    void aManifestPulledByTagWithoutAClaimGetsItsComputedDigest() {
        try (StubServer registry = serving(SERVED, Map.of("Content-Type", MediaTypes.OCI_MANIFEST + "; charset=utf-8"));
             RegistryClient client = TestClients.client()) {
            PulledManifest pulled = client.pullManifest(new ImageReference(registry.address(), "app", "1", null));
            assertThat(pulled.digest()).isEqualTo(Digest.sha256(SERVED));
            assertThat(pulled.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
            assertThat(registry.received()).singleElement().satisfies(r -> assertThat(r.target()).isEqualTo("/v2/app/manifests/1"));
        }
    }
}
