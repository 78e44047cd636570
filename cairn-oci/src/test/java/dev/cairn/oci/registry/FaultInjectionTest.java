package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.OciException;
import dev.cairn.oci.testing.FaultyProxy;
import dev.cairn.oci.testing.LocalRegistry;
import dev.cairn.oci.testing.TestImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Connections cut mid-upload between the client and a real registry. */
@Tag("integration")
@Timeout(120)
class FaultInjectionTest {
    private LocalRegistry registry;
    private FaultyProxy proxy;

    @TempDir
    Path temp;

    @BeforeEach
    void start() {
        registry = LocalRegistry.start();
        proxy = FaultyProxy.to(registry);
    }

    @AfterEach
    void stop() {
        proxy.close();
        registry.close();
    }

    @Test
    void aConnectionDroppedMidUploadIsRetriedAndThePushCompletes() throws Exception {
        TestImage image = TestImage.withRandomLayer(50_000, 1);
        Repository repository = new Repository(proxy.address(), "flaky/app");
        proxy.dropUploads(1);
        try (RegistryClient client = TestClients.client()) {
            PushResult result = client.push(image.plan(repository, "1"));

            assertThat(proxy.dropped()).isEqualTo(1);
            assertThat(result.uploaded()).isEqualTo(2);
            assertThat(client.pullManifest(repository.tagged("1")).digest()).isEqualTo(image.manifestDigest());
            TestImage.Blob layer = image.layers().get(0);
            client.pullBlob(repository, layer.descriptor(), temp.resolve("layer"));
            assertThat(temp.resolve("layer")).hasBinaryContent(layer.bytes());
        }
    }

    @Test
    void aChunkedUploadThatLosesItsConnectionRestartsTheBlob() throws Exception {
        TestImage image = TestImage.withRandomLayer(150_000, 2);
        TestImage.Blob layer = image.layers().get(0);
        Repository repository = new Repository(proxy.address(), "flaky/chunked");
        proxy.dropUploads("PATCH", 1);
        try (RegistryClient client = RegistryClient.create(TestClients.options().withChunkSize(32 * 1024))) {
            PushResult result = client.push(image.plan(repository, "1"));

            assertThat(proxy.dropped()).isEqualTo(1);
            assertThat(result.uploaded()).isEqualTo(2);
            // The config's session, the layer's lost one, and the layer's fresh one.
            assertThat(proxy.blobUploads()).as("upload sessions: %s", proxy.requests()).isEqualTo(3);
            client.pullBlob(repository, layer.descriptor(), temp.resolve("layer"));
            assertThat(temp.resolve("layer")).hasBinaryContent(layer.bytes());
        }
    }

    @Test
    void uploadsDroppedEveryTimeFailThePushWithTheReasonAndLeaveNoManifest() throws Exception {
        TestImage image = TestImage.of(Map.of("never", "arrives\n"));
        Repository repository = new Repository(proxy.address(), "broken/app");
        proxy.dropAllUploads();
        try (RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.push(image.plan(repository, "1")))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("uploading blob sha256:")
                    .hasMessageContaining("to " + repository)
                    .hasMessageContaining("failed after 3 attempts")
                    .hasMessageContaining("connection was lost");
        }
        assertThat(proxy.count("PUT", "/manifests/")).isZero();
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (String reference : new String[] {"1", image.manifestDigest().toString()}) {
                HttpRequest get = HttpRequest.newBuilder(URI.create(registry.uri() + "/v2/broken/app/manifests/" + reference))
                        .header("Accept", ManifestTransfer.ACCEPT).timeout(Duration.ofSeconds(10)).build();
                assertThat(http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
            }
        }
    }
}
