package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Blobs upload side by side, never more at once than allowed, and the manifest waits for all of them. */
@Timeout(60)
class ConcurrentUploadTest {
    @Test
    void uploadsOverlapUpToTheLimitAndTheManifestComesLast() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // Holds the first upload until a second one is in flight too (or a bounded wait passes).
        CountDownLatch overlapping = new CountDownLatch(2);
        try (StubServer registry = StubServer.start(exchange -> {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("HEAD")) {
                StubServer.respond(exchange, 404, Map.of(), new byte[0]);
            } else if (method.equals("POST")) {
                StubServer.respond(exchange, 202, Map.of("Location", path + "session"), new byte[0]);
            } else if (path.contains("/blobs/uploads/")) {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                overlapping.countDown();
                try {
                    overlapping.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                StubServer.respond(exchange, 201, Map.of(), new byte[0]);
            } else {
                StubServer.respond(exchange, 201, Map.of(), new byte[0]);
            }
        });
             RegistryClient client = RegistryClient.create(TestClients.options().withMaxConcurrentUploads(2))) {
            List<PushPlan.Blob> blobs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                byte[] bytes = ("blob " + i).getBytes(StandardCharsets.UTF_8);
                blobs.add(PushPlan.Blob.of(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(bytes), bytes.length),
                        BlobSource.of(bytes)));
            }
            PushResult result = client.push(PushPlan.of(new Repository(registry.address(), "app"), blobs,
                    "{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, "1"));

            assertThat(result.uploaded()).isEqualTo(6);
            assertThat(most.get()).isEqualTo(2);
            List<StubServer.Received> received = registry.received();
            assertThat(received.getLast().target()).contains("/manifests/1");
            assertThat(received.subList(0, received.size() - 1)).noneMatch(r -> r.target().contains("/manifests/"));
        }
    }
}
