package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.OciException;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransportSecurityTest {
    private final TransportSecurity strict = new TransportSecurity(Set.of());

    @Test
    void loopbackHostsAreSpokenToOverPlainHttp() {
        for (String registry : new String[] {"127.0.0.1:5000", "127.1.2.3:80", "localhost:5000", "localhost", "[::1]:5000"}) {
            assertThat(strict.schemeFor(registry)).as(registry).isEqualTo("http");
        }
    }

    @Test
    void everyOtherHostIsHttps() {
        for (String registry : new String[] {"registry.example.com", "10.0.0.5:5000", "127.0.0.1.example.com:5000",
                "localhost.example.com", "[fe80::1]:5000", "128.0.0.1:5000"}) {
            assertThat(strict.schemeFor(registry)).as(registry).isEqualTo("https");
        }
    }

    @Test
    void aRegistryNamedInsecureIsPlainHttpByHostOrHostAndPort() {
        TransportSecurity lax = new TransportSecurity(Set.of("registry.lan:5000", "mirror.lan"));
        assertThat(lax.schemeFor("registry.lan:5000")).isEqualTo("http");
        assertThat(lax.schemeFor("registry.lan:6000")).isEqualTo("https");
        assertThat(lax.schemeFor("mirror.lan:443")).isEqualTo("http");
    }

    @Test
    void plainHttpToANetworkHostIsRefusedWithTheInsecureRegistryHint() {
        assertThatThrownBy(() -> strict.check(URI.create("http://registry.lan:5000/v2/"), "GET /v2/ for registry.lan:5000"))
                .isInstanceOf(OciException.class)
                .hasMessage("GET /v2/ for registry.lan:5000 would use plain HTTP to registry.lan:5000, which is not a loopback host")
                .satisfies(e -> assertThat(((OciException) e).hint())
                        .isEqualTo("if you trust the network to registry.lan, allow it with --insecure-registry registry.lan:5000"));
        assertThatCode(() -> new TransportSecurity(Set.of("registry.lan:5000")).check(URI.create("http://registry.lan:5000/v2/"), "x"))
                .doesNotThrowAnyException();
        assertThatCode(() -> strict.check(URI.create("https://registry.lan:5000/v2/"), "x")).doesNotThrowAnyException();
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> strict.check(URI.create("ftp://127.0.0.1/blob"), "a redirect")).isInstanceOf(OciException.class);
    }

    @Test
    void credentialsStayOnTheRegistrysOwnHostAndPort() {
        RegistryEndpoint endpoint = RegistryEndpoint.of("127.0.0.1:5000", strict);
        assertThat(endpoint.isSameHost(URI.create("http://127.0.0.1:5000/v2/a/blobs/x"))).isTrue();
        assertThat(endpoint.isSameHost(URI.create("http://localhost:5000/v2/a/blobs/x"))).isFalse();
        assertThat(endpoint.isSameHost(URI.create("http://127.0.0.1:5001/v2/a/blobs/x"))).isFalse();
        RegistryEndpoint hub = RegistryEndpoint.of("docker.io", strict);
        assertThat(hub.base()).hasToString("https://registry-1.docker.io");
        assertThat(hub.isSameHost(URI.create("https://registry-1.docker.io:443/v2/"))).isTrue();
    }

    @Test
    void anUploadSessionKeepsItsQueryWhenTheDigestIsAdded() {
        dev.cairn.oci.Digest digest = dev.cairn.oci.Digest.sha256(new byte[0]);
        assertThat(RegistryEndpoint.withDigest(URI.create("http://r/v2/a/blobs/uploads/u?_state=abc"), digest))
                .hasToString("http://r/v2/a/blobs/uploads/u?_state=abc&digest=sha256%3A" + digest.encoded());
        assertThat(RegistryEndpoint.withDigest(URI.create("http://r/v2/a/blobs/uploads/u"), digest))
                .hasToString("http://r/v2/a/blobs/uploads/u?digest=sha256%3A" + digest.encoded());
    }
}
