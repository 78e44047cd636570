package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.OciException;
import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * How transport failures are sorted. TLS cannot be exercised against a loopback registry
 * (loopback is plain HTTP), so the JDK client is replaced by one that fails as it would.
 */
class HttpCallsTest {
    private static final HttpRequest REQUEST = HttpRequest.newBuilder(URI.create("https://registry.example.com/v2/")).build();

    @Test
    void aTlsFailureIsFinalAndSuggestsInsecureRegistryOrTrustingTheCa() {
        HttpClient failing = new FailingClient(new SSLHandshakeException("Unsupported or unrecognized SSL message"));
        assertThatThrownBy(() -> HttpCalls.send(failing, REQUEST, "registry.example.com"))
                .isInstanceOf(OciException.class)
                .hasMessage("TLS with registry.example.com failed (for registry.example.com): Unsupported or unrecognized SSL message")
                .satisfies(e -> assertThat(((OciException) e).hint())
                        .contains("--insecure-registry registry.example.com", "private CA"));
    }

    @Test
    void anUnknownHostIsNamedAsSuch() {
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());
        assertThatThrownBy(() -> HttpCalls.send(new FailingClient(unresolved), REQUEST, "registry.example.com"))
                .isInstanceOf(OciException.class)
                .hasMessage("cannot connect to registry.example.com (for registry.example.com): the host name does not resolve");
    }

    @Test
    void aLostConnectionStaysAnIOExceptionToBeRetried() {
        IOException reset = new IOException("Connection reset");
        assertThatThrownBy(() -> HttpCalls.send(new FailingClient(reset), REQUEST, "registry.example.com")).isSameAs(reset);
    }

    @Test
    void ourOwnFailureInsideTheClientComesOutAsItself() {
        OciException ours = new OciException("cannot read blob", "");
        IOException wrapped = new IOException("publisher failed", ours);
        assertThatThrownBy(() -> HttpCalls.send(new FailingClient(wrapped), REQUEST, "registry.example.com")).isSameAs(ours);
    }

    /** An HttpClient whose every send fails with one exception. */
    private static final class FailingClient extends HttpClient {
        private final IOException failure;

        FailingClient(IOException failure) {
            this.failure = failure;
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
            throw failure;
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return CompletableFuture.failedFuture(failure);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
            return CompletableFuture.failedFuture(failure);
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return Optional.empty();
        }

        @Override
        public Redirect followRedirects() {
            return Redirect.NEVER;
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return Optional.empty();
        }

        @Override
        public SSLContext sslContext() {
            return null;
        }

        @Override
        public SSLParameters sslParameters() {
            return new SSLParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return Optional.empty();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }

        @Override
        public Optional<Executor> executor() {
            return Optional.empty();
        }
    }
}
