package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.ImageReference;
import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.OciException;
import dev.cairn.oci.OciJson;
import dev.cairn.oci.testing.FaultyProxy;
import dev.cairn.oci.testing.Processes;
import dev.cairn.oci.testing.LocalRegistry;
import dev.cairn.oci.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Pushing to and pulling from a real registry (docker-registry), watched through a proxy. */
@Tag("integration")
@Timeout(120)
class PushPullTest {
    private static LocalRegistry registry;
    private static FaultyProxy proxy;

    @TempDir
    Path temp;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.start();
        proxy = FaultyProxy.to(registry);
    }

    @AfterAll
    static void stopRegistry() {
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static Repository repository(String name) {
        return new Repository(proxy.address(), name);
    }

    @Test
    void aPushedImagePullsBackWithEveryDigestVerified() throws Exception {
        TestImage image = TestImage.of(Map.of("etc/hello", "hello\n"), Map.of("bin/app", "#!/bin/sh\necho app\n"));
        Repository repository = repository("pull/back");
        Map<Digest, Long> progress = new ConcurrentHashMap<>();
        try (RegistryClient client = RegistryClient.create(TestClients.options()
                .withProgress((blob, sent, size) -> progress.merge(blob, sent, Math::max)))) {
            PushResult result = client.push(image.plan(repository, "1.0", "latest"));

            assertThat(result.pushed()).hasToString(proxy.address() + "/pull/back@" + image.manifestDigest());
            assertThat(result.tags()).containsExactly("1.0", "latest");
            assertThat(result.uploaded()).isEqualTo(3);
            assertThat(result.skipped()).isZero();
            assertThat(result.bytesUploaded()).isEqualTo(image.blobBytes());
            image.blobs().forEach(blob -> assertThat(progress).containsEntry(blob.digest(), (long) blob.bytes().length));

            for (String reference : List.of(":1.0", ":latest", "@" + image.manifestDigest())) {
                PulledManifest pulled = client.pullManifest(ImageReference.parse(repository + reference));
                assertThat(pulled.bytes()).isEqualTo(image.manifest());
                assertThat(pulled.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
                assertThat(pulled.digest()).isEqualTo(image.manifestDigest());
            }
            for (TestImage.Blob blob : image.blobs()) {
                Path file = temp.resolve(blob.digest().encoded());
                client.pullBlob(repository, blob.descriptor(), file);
                assertThat(file).hasBinaryContent(blob.bytes());
                assertThat(client.blobExists(repository, blob.digest())).isTrue();
            }
        }
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void skopeoAcceptsWhatWasPushed() throws Exception {
        TestImage image = TestImage.of(Map.of("hello.txt", "from cairn\n"));
        Repository repository = new Repository(registry.address(), "skopeo/check");
        try (RegistryClient client = TestClients.client()) {
            client.push(image.plan(repository, "v1"));
        }
        String reference = "docker://" + registry.address() + "/skopeo/check:v1";

        String inspected = Processes.ok(temp, "skopeo", "inspect", "--raw", "--tls-verify=false", reference);
        assertThat(inspected.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(image.manifest());
        JsonNode inspect = OciJson.mapper().readTree(Processes.ok(temp, "skopeo", "inspect", "--tls-verify=false", reference));
        assertThat(inspect.path("Digest").asText()).isEqualTo(image.manifestDigest().toString());
        assertThat(inspect.path("Layers")).hasSize(1);

        Path layout = temp.resolve("layout");
        Processes.ok(temp, "skopeo", "--insecure-policy", "copy", "--src-tls-verify=false", reference, "oci:" + layout + ":v1");
        JsonNode index = OciJson.mapper().readTree(layout.resolve("index.json").toFile());
        assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(image.manifestDigest().toString());
        for (TestImage.Blob blob : image.blobs()) {
            assertThat(layout.resolve("blobs/sha256/" + blob.digest().encoded())).hasBinaryContent(blob.bytes());
        }
    }

    @Test
    void republishingAnUnchangedImageUploadsNoBlob() {
        TestImage image = TestImage.of(Map.of("a", "unchanged\n"), Map.of("b", "also unchanged\n"));
        Repository repository = repository("republish/app");
        try (RegistryClient client = TestClients.client()) {
            PushResult first = client.push(image.plan(repository, "1"));
            assertThat(first.uploaded()).isEqualTo(3);

            proxy.clearRequests();
            PushResult second = client.push(image.plan(repository, "1"));

            assertThat(second.uploaded()).isZero();
            assertThat(second.skipped()).isEqualTo(3);
            assertThat(second.bytesUploaded()).isZero();
            assertThat(second.pushed()).isEqualTo(first.pushed());
            assertThat(proxy.blobUploads()).as("upload sessions started: %s", proxy.requests()).isZero();
            assertThat(proxy.count("PUT", "/blobs/")).isZero();
            assertThat(proxy.count("PATCH", "/blobs/")).isZero();
            assertThat(proxy.count("HEAD", "/v2/republish/app/blobs/sha256:")).isEqualTo(3);
            assertThat(proxy.count("PUT", "/v2/republish/app/manifests/")).as("one PUT, under the tag").isEqualTo(1);
        }
    }

    @Test
    void aBlobInASiblingRepositoryIsMountedNotUploaded() {
        TestImage image = TestImage.of(Map.of("shared", "mount me\n"));
        try (RegistryClient client = TestClients.client()) {
            client.push(image.plan(repository("mount/source"), "1"));

            proxy.clearRequests();
            List<PushPlan.Blob> mountable = image.blobs().stream().map(b -> b.planned().mountableFrom("mount/source")).toList();
            PushResult result = client.push(PushPlan.of(repository("mount/target"), mountable, image.manifest(),
                    MediaTypes.OCI_MANIFEST, "1"));

            assertThat(result.mounted()).isEqualTo(2);
            assertThat(result.uploaded()).isZero();
            assertThat(result.bytesUploaded()).isZero();
            assertThat(proxy.blobUploads()).isZero();
            assertThat(proxy.requests()).filteredOn(r -> r.query().contains("mount=")).hasSize(2)
                    .allSatisfy(r -> assertThat(r.query()).contains("from=mount%2Fsource"));
            assertThat(client.pullManifest(ImageReference.parse(repository("mount/target") + ":1")).digest())
                    .isEqualTo(image.manifestDigest());
        }
    }

    @Test
    void aMountTheRegistryCannotDoFallsBackToUploading() {
        TestImage image = TestImage.of(Map.of("fresh", "nowhere else\n"));
        List<PushPlan.Blob> mountable = image.blobs().stream().map(b -> b.planned().mountableFrom("mount/empty")).toList();
        try (RegistryClient client = TestClients.client()) {
            PushResult result = client.push(PushPlan.of(repository("mount/fallback"), mountable, image.manifest(),
                    MediaTypes.OCI_MANIFEST, "1"));

            assertThat(result.mounted()).isZero();
            assertThat(result.uploaded()).isEqualTo(2);
            assertThat(client.blobExists(repository("mount/fallback"), image.layers().get(0).digest())).isTrue();
        }
    }

    @Test
    void aBlobLargerThanTheChunkSizeIsUploadedInChunks() throws Exception {
        TestImage image = TestImage.withRandomLayer(200_000, 7);
        TestImage.Blob layer = image.layers().get(0);
        Repository repository = repository("chunked/app");
        proxy.clearRequests();
        try (RegistryClient client = RegistryClient.create(TestClients.options().withChunkSize(64 * 1024))) {
            PushResult result = client.push(image.plan(repository, "1"));

            assertThat(result.uploaded()).isEqualTo(2);
            long chunks = (layer.bytes().length + 64 * 1024 - 1) / (64 * 1024);
            assertThat(proxy.count("PATCH", "/v2/chunked/app/blobs/uploads/")).isEqualTo(chunks);
            Path pulled = temp.resolve("layer");
            client.pullBlob(repository, layer.descriptor(), pulled);
            assertThat(pulled).hasBinaryContent(layer.bytes());
        }
    }

    @Test
    void aManifestNamingAMissingBlobIsRefusedWithTheRegistrysErrorAndNotRetried() {
        TestImage image = TestImage.of(Map.of("x", "y"));
        Repository repository = repository("refused/app");
        List<PushPlan.Blob> onlyConfig = List.of(image.config().planned());
        proxy.clearRequests();
        try (RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.push(PushPlan.of(repository, onlyConfig, image.manifest(), MediaTypes.OCI_MANIFEST, "1")))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("pushing manifest " + image.manifestDigest() + " to " + repository)
                    .hasMessageContaining("400")
                    .hasMessageContaining("MANIFEST_BLOB_UNKNOWN")
                    .satisfies(e -> assertThat(((OciException) e).hint()).contains("every blob the manifest references"));
        }
        assertThat(proxy.count("PUT", "/v2/refused/app/manifests/")).isEqualTo(1);
    }

    @Test
    void pullingAnUnknownTagSaysWhatIsMissing() {
        try (RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.pullManifest(ImageReference.parse(repository("nothing/here") + ":nope")))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("pulling manifest " + repository("nothing/here") + ":nope")
                    .hasMessageContaining("404");
        }
    }

    @Test
    void blobExistsIsFalseForAnAbsentBlob() {
        try (RegistryClient client = TestClients.client()) {
            assertThat(client.blobExists(repository("absent/app"), Digest.sha256(new byte[] {1, 2, 3}))).isFalse();
        }
    }

    @Test
    void aPulledBlobReplacesNothingUntilItIsComplete() {
        TestImage image = TestImage.of(Map.of("f", "content\n"));
        Repository repository = repository("replace/app");
        try (RegistryClient client = TestClients.client()) {
            client.push(image.plan(repository, "1"));
            Descriptor layer = image.layers().get(0).descriptor();
            Path file = temp.resolve("nested/dir/layer");
            client.pullBlob(repository, layer, file);
            client.pullBlob(repository, layer, file);
            assertThat(file).hasBinaryContent(image.layers().get(0).bytes());
        }
    }
}
