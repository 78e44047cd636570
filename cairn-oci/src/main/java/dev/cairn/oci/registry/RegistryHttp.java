package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The transport: sends a request to a registry, answering its 401 challenge once and
 * following redirects itself, so that credentials go only to the registry's own host and
 * never over plain HTTP to a host that was not allowed it.
 */
final class RegistryHttp implements AutoCloseable {
    private static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String USER_AGENT = "cairn-oci";

    private final HttpClient client;
    private final TransportSecurity security;
    private final Authenticator authenticator;
    private final Retrier retrier;
    private final Duration requestTimeout;

    RegistryHttp(RegistryClientOptions options) {
        this.client = HttpClient.newBuilder()
                // Redirects are ours to follow: the JDK would carry Authorization to any host.
                .followRedirects(HttpClient.Redirect.NEVER)
                // Every registry speaks HTTP/1.1; h2c upgrade attempts on plain-HTTP registries gain nothing.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .build();
        this.security = new TransportSecurity(options.insecureRegistries());
        this.retrier = new Retrier(options.retry());
        this.requestTimeout = options.requestTimeout();
        this.authenticator = new Authenticator(options.credentials(),
                new BearerTokens(client, security, retrier, requestTimeout));
    }

    RegistryEndpoint endpoint(String registry) {
        return RegistryEndpoint.of(registry, security);
    }

    Retrier retrier() {
        return retrier;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    /** Sends {@code request}, authenticating when the registry asks. One attempt: callers retry. */
    RegistryResponse send(RegistryRequest request) throws IOException {
        String registry = request.registry();
        Optional<String> authorization = authenticator.authorization(registry, request.scope());
        RegistryResponse response = exchange(request, authorization);
        if (!isChallenge(response, registry)) {
            return response;
        }
        String challenge = response.header("WWW-Authenticate").orElse(null);
        response.close();
        authenticator.answer(registry, challenge, request.scope(), authorization);
        RegistryResponse answered = exchange(request, authenticator.authorization(registry, request.scope()));
        if (isChallenge(answered, registry)) {
            RegistryErrorResponse error;
            try (answered) {
                error = answered.error();
            }
            throw authenticator.refused(registry, request.scope(), error);
        }
        return answered;
    }

    /** Sends {@code request} with the given authorization, following redirects. */
    RegistryResponse exchange(RegistryRequest request, Optional<String> authorization) throws IOException {
        RegistryEndpoint endpoint = endpoint(request.registry());
        URI uri = request.uri();
        String method = request.method();
        RequestBody body = request.body();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            security.check(uri, method + " " + uri.getPath() + " for " + request.registry());
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .method(method, body.publisher())
                    .header("User-Agent", USER_AGENT);
            request.headers().forEach(builder::header);
            if (endpoint.isSameHost(uri)) {
                authorization.ifPresent(value -> builder.header("Authorization", value));
            }
            HttpResponse<InputStream> response = HttpCalls.send(client, builder.build(), request.registry());
            RegistryResponse answer = new RegistryResponse(response.statusCode(), uri, response.headers(), response.body());
            Optional<URI> location = answer.location();
            if (!REDIRECTS.contains(answer.status()) || location.isEmpty()) {
                return answer;
            }
            answer.close();
            uri = location.get();
            if (answer.status() == 303 && !method.equals("HEAD")) {
                method = "GET";
                body = RequestBody.EMPTY;
            }
        }
        throw new OciException(request.registry() + " redirected " + request.method() + " " + request.uri()
                + " more than " + MAX_REDIRECTS + " times",
                "the registry or its storage is misconfigured; report it to the registry's operator");
    }

    private boolean isChallenge(RegistryResponse response, String registry) {
        // A 401 from storage a blob was redirected to is not the registry's to answer.
        return response.status() == 401 && endpoint(registry).isSameHost(response.uri());
    }

    @Override
    public void close() {
        client.close();
    }
}
