package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.OciException;
import dev.cairn.oci.testing.LocalRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /v2/} tells apart a registry, something else, and nothing at all. */
@Timeout(60)
class PingTest {
    @Test
    @Tag("integration")
    void anOpenRegistryAnswersWithoutAuthentication() {
        try (LocalRegistry registry = LocalRegistry.start();
             RegistryClient client = TestClients.client()) {
            RegistryPing ping = client.ping(registry.address());
            assertThat(ping.access()).isEqualTo(RegistryPing.Access.OPEN);
            assertThat(ping.endpoint()).hasToString("http://" + registry.address());
        }
    }

    @Test
    void aServerWithoutTheDistributionApiIsNotARegistry() {
        try (StubServer web = StubServer.start(exchange -> StubServer.respond(exchange, 404, Map.of(), "<html>no</html>".getBytes()));
             RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.ping(web.address()))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining(web.address() + " answered GET /v2/ with 404: it is not an OCI registry");
        }
    }

    @Test
    void nothingListeningIsAConnectionError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        try (RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.ping(address))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("cannot connect to " + address)
                    .satisfies(e -> assertThat(((OciException) e).hint()).contains("that it is running"));
        }
    }

    @Test
    void aRegistryOnAnotherHostIsSpokenToOverHttpsUnlessNamedInsecure() {
        TransportSecurity strict = new TransportSecurity(java.util.Set.of());
        assertThat(RegistryEndpoint.of("registry.example.com:5000", strict).base()).hasToString("https://registry.example.com:5000");
        TransportSecurity lax = new TransportSecurity(java.util.Set.of("registry.example.com:5000"));
        assertThat(RegistryEndpoint.of("registry.example.com:5000", lax).base()).hasToString("http://registry.example.com:5000");
    }
}
