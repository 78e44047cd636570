package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.Digest;
import dev.cairn.oci.OciException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which registry answers are tried again, and which are final. */
@Timeout(60)
class RetryTest {
    private static final Digest DIGEST = Digest.sha256(new byte[] {42});

    /** A registry that fails the first {@code failures} requests with {@code status}, then has the blob. */
    private static StubServer failingFirst(int failures, int status, Map<String, String> headers) {
        AtomicInteger count = new AtomicInteger();
        return StubServer.start(exchange -> {
            if (count.incrementAndGet() <= failures) {
                StubServer.respond(exchange, status, headers, new byte[0]);
            } else {
                StubServer.respond(exchange, 200, Map.of(), new byte[0]);
            }
        });
    }

    @Test
    void serviceUnavailableIsRetriedUntilItPasses() {
        try (StubServer registry = failingFirst(2, 503, Map.of());
             RegistryClient client = TestClients.client()) {
            assertThat(client.blobExists(new Repository(registry.address(), "app"), DIGEST)).isTrue();
            assertThat(registry.received()).hasSize(3);
        }
    }

    @Test
    void tooManyRequestsIsRetriedHonouringRetryAfter() {
        try (StubServer registry = failingFirst(1, 429, Map.of("Retry-After", "0"));
             RegistryClient client = TestClients.client()) {
            assertThat(client.blobExists(new Repository(registry.address(), "app"), DIGEST)).isTrue();
            assertThat(registry.received()).hasSize(2);
        }
    }

    @Test
    void aServerErrorThatPersistsFailsAfterTheLastAttemptWithTheRegistrysError() {
        try (StubServer registry = StubServer.start(exchange -> StubServer.respond(exchange, 500,
                "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"storage backend down\"}]}"));
             RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.pullManifest(new Repository(registry.address(), "app").tagged("1")))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("failed after 3 attempts")
                    .hasMessageContaining("500 (UNKNOWN: storage backend down)");
            assertThat(registry.received()).hasSize(3);
        }
    }

    @Test
    void aClientErrorIsNotRetriedAndCarriesTheRegistrysErrorJson() {
        try (StubServer registry = StubServer.start(exchange -> StubServer.respond(exchange, 403,
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"));
             RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.pullManifest(new Repository(registry.address(), "team/app").tagged("1")))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("pulling manifest " + registry.address() + "/team/app:1")
                    .hasMessageContaining("403 DENIED: requested access to the resource is denied")
                    .satisfies(e -> assertThat(((OciException) e).hint()).contains("not allowed"));
            assertThat(registry.received()).hasSize(1);
        }
    }
}
