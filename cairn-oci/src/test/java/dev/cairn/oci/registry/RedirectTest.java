package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.OciException;
import dev.cairn.oci.registry.auth.CredentialSource;
import dev.cairn.oci.registry.auth.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Blob downloads redirected to storage elsewhere, as registries backed by object stores do. */
@Timeout(60)
class RedirectTest {
    private static final byte[] BLOB = "layer bytes in object storage\n".getBytes(StandardCharsets.UTF_8);
    private static final Descriptor DESCRIPTOR = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(BLOB), BLOB.length);
    private static final Credentials CREDENTIALS = Credentials.basic("user", "password");

    @TempDir
    Path temp;

    /** A registry that wants Basic auth and sends blob GETs to {@code location}. */
    private static StubServer registryRedirectingTo(String location) {
        return StubServer.start("127.0.0.1", exchange -> {
            if (!CREDENTIALS.basicAuthorization().equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                StubServer.respond(exchange, 401, Map.of("WWW-Authenticate", "Basic realm=\"stub\""), new byte[0]);
            } else {
                StubServer.respond(exchange, 307, Map.of("Location", location), new byte[0]);
            }
        });
    }

    @Test
    void aBlobRedirectedToAnotherHostIsFetchedWithoutTheRegistrysCredentials() throws Exception {
        try (StubServer storage = StubServer.start("localhost", exchange ->
                     StubServer.respond(exchange, 200, Map.of("Content-Type", "application/octet-stream"), BLOB));
             StubServer registry = registryRedirectingTo("http://" + storage.address() + "/bucket/blob?signature=abc");
             RegistryClient client = RegistryClient.create(TestClients.options()
                     .withCredentials(CredentialSource.of(Map.of(registry.address(), CREDENTIALS))))) {
            Path file = temp.resolve("blob");
            client.pullBlob(new Repository(registry.address(), "app"), DESCRIPTOR, file);

            assertThat(file).hasBinaryContent(BLOB);
            assertThat(registry.received()).last().satisfies(r -> {
                assertThat(r.target()).isEqualTo("/v2/app/blobs/" + DESCRIPTOR.digest());
                assertThat(r.authorization()).isEqualTo(CREDENTIALS.basicAuthorization());
            });
            assertThat(storage.received()).singleElement().satisfies(r -> {
                assertThat(r.target()).isEqualTo("/bucket/blob?signature=abc");
                assertThat(r.authorization()).isNull();
            });
        }
    }

    @Test
    void aRedirectToPlainHttpOnAnotherNetworkHostIsRefusedBeforeConnecting() {
        try (StubServer registry = registryRedirectingTo("http://storage.example.invalid/bucket/blob");
             RegistryClient client = RegistryClient.create(TestClients.options()
                     .withCredentials(CredentialSource.of(Map.of(registry.address(), CREDENTIALS))))) {
            Path file = temp.resolve("blob");
            assertThatThrownBy(() -> client.pullBlob(new Repository(registry.address(), "app"), DESCRIPTOR, file))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("plain HTTP to storage.example.invalid")
                    .satisfies(e -> assertThat(((OciException) e).hint()).contains("--insecure-registry storage.example.invalid"));
            assertThat(file).doesNotExist();
        }
    }
}
