package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.OciException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A blob source that fails is our error, not the network's: reported at once, never retried. */
@Timeout(60)
class BlobSourceFailureTest {
    private static final byte[] CONTENT = "the full blob, as planned\n".getBytes(StandardCharsets.UTF_8);
    private static final Descriptor DESCRIPTOR = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(CONTENT), CONTENT.length);

    /** Has no blobs, opens upload sessions, accepts whatever is put. */
    private static StubServer acceptingRegistry() {
        return StubServer.start(exchange -> {
            switch (exchange.getRequestMethod()) {
                case "HEAD" -> StubServer.respond(exchange, 404, Map.of(), new byte[0]);
                case "POST" -> StubServer.respond(exchange, 202, Map.of("Location", "/v2/app/blobs/uploads/session-1"), new byte[0]);
                default -> StubServer.respond(exchange, 201, Map.of(), new byte[0]);
            }
        });
    }

    private static PushPlan planWith(BlobSource source) {
        return PushPlan.of(new Repository("127.0.0.1:1", "app"), List.of(PushPlan.Blob.of(DESCRIPTOR, source)),
                "{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, "1");
    }

    private static PushPlan at(StubServer registry, PushPlan plan) {
        return new PushPlan(new Repository(registry.address(), "app"), plan.blobs(), plan.manifest(),
                plan.manifestMediaType(), plan.tags());
    }

    @Test
    void aSourceShorterThanItsDescriptorFailsNamingTheBlobWithoutRetrying() {
        BlobSource shorter = BlobSource.of("the full blob".getBytes(StandardCharsets.UTF_8));
        try (StubServer registry = acceptingRegistry(); RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.push(at(registry, planWith(shorter))))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("the source of blob " + DESCRIPTOR.digest() + " ended after 13 bytes")
                    .hasMessageContaining("says " + CONTENT.length);
            assertThat(registry.received()).filteredOn(r -> r.method().equals("POST")).hasSize(1);
            assertThat(registry.received()).noneMatch(r -> r.target().contains("/manifests/"));
        }
    }

    @Test
    void anUnreadableSourceFailsNamingTheBlobWithoutRetrying() {
        BlobSource unreadable = () -> {
            throw new IOException("/build/layer.tar.gz: No such file or directory");
        };
        try (StubServer registry = acceptingRegistry(); RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.push(at(registry, planWith(unreadable))))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("cannot read blob " + DESCRIPTOR.digest())
                    .hasMessageContaining("No such file or directory");
            assertThat(registry.received()).filteredOn(r -> r.method().equals("POST")).hasSize(1);
        }
    }
}
