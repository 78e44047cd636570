package dev.cairn.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.oci.OciException;
import dev.cairn.oci.OciJson;
import dev.cairn.oci.registry.auth.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gets bearer tokens from a registry's token realm (the distribution token protocol, and its
 * OAuth2 refresh-token form for identity tokens) and caches them per registry and scope until
 * shortly before they expire.
 */
final class BearerTokens {
    /** The spec's default lifetime when the realm does not say. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    /** Renew this long before expiry, so a token does not run out mid-request. */
    private static final Duration MARGIN = Duration.ofSeconds(10);
    private static final int TOKEN_RESPONSE_LIMIT = 1 << 20;

    private record Key(String registry, Scope scope) {}

    private record Token(String value, Instant renewAfter) {}

    private final ConcurrentHashMap<Key, Token> cache = new ConcurrentHashMap<>();
    private final HttpClient client;
    private final TransportSecurity security;
    private final Retrier retrier;
    private final Duration timeout;

    BearerTokens(HttpClient client, TransportSecurity security, Retrier retrier, Duration timeout) {
        this.client = client;
        this.security = security;
        this.retrier = retrier;
        this.timeout = timeout;
    }

    Optional<String> cached(String registry, Scope scope) {
        Token token = cache.get(new Key(registry, scope));
        return token == null || Instant.now().isAfter(token.renewAfter()) ? Optional.empty() : Optional.of(token.value());
    }

    void forget(String registry, Scope scope) {
        cache.remove(new Key(registry, scope));
    }

    /** Fetches a token for what the challenge asks (or {@code wanted} when it names no scope) and caches it. */
    void fetch(String registry, BearerChallenge challenge, Scope wanted, Optional<Credentials> credentials) {
        Scope scope = challenge.scope().isEmpty() ? wanted : challenge.scope();
        security.check(challenge.realm(), "getting a token for " + registry);
        Token token = retrier.run("getting a token for " + registry + " from " + challenge.realm(),
                () -> request(registry, challenge, scope, credentials));
        cache.put(new Key(registry, scope), token);
        // The next request for the same access finds it without a 401 first.
        cache.put(new Key(registry, wanted), token);
    }

    private Token request(String registry, BearerChallenge challenge, Scope scope, Optional<Credentials> credentials)
            throws IOException {
        HttpRequest.Builder builder;
        Optional<String> identityToken = credentials.flatMap(Credentials::identityToken);
        if (identityToken.isPresent()) {
            List<String> form = new ArrayList<>(List.of("grant_type=refresh_token", "client_id=cairn",
                    "refresh_token=" + encode(identityToken.get())));
            challenge.service().ifPresent(service -> form.add("service=" + encode(service)));
            if (!scope.isEmpty()) {
                form.add("scope=" + encode(scope.toString()));
            }
            builder = HttpRequest.newBuilder(challenge.realm())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form)));
        } else {
            List<String> query = new ArrayList<>();
            challenge.service().ifPresent(service -> query.add("service=" + encode(service)));
            scope.parameters().forEach(parameter -> query.add("scope=" + encode(parameter)));
            builder = HttpRequest.newBuilder(withQuery(challenge.realm(), query)).GET();
            credentials.ifPresent(c -> builder.header("Authorization", c.basicAuthorization()));
        }
        HttpRequest request = builder.timeout(timeout).header("Accept", "application/json").build();
        HttpResponse<InputStream> response = HttpCalls.send(client, request, registry);
        RegistryResponse answer = new RegistryResponse(response.statusCode(), request.uri(), response.headers(), response.body());
        try (answer) {
            if (answer.status() == 401 || answer.status() == 403) {
                throw refused(registry, challenge, scope, credentials, answer.describe(answer.error()));
            }
            String what = "getting a token for " + registry + " from " + challenge.realm();
            if (answer.status() >= 500 || answer.status() == 429) {
                answer.expect(what, 200);
            }
            if (answer.status() != 200) {
                throw new OciException(what + ": the token service answered " + answer.describe(answer.error()),
                        "the registry's token service is misconfigured or moved; report it to the registry's operator");
            }
            return parse(answer.bytes(TOKEN_RESPONSE_LIMIT, "the token for " + registry), registry, challenge);
        }
    }

    private static Token parse(byte[] body, String registry, BearerChallenge challenge) {
        JsonNode json = OciJson.read(body, JsonNode.class, "the token response of " + challenge.realm());
        String value = json.path("token").asText("");
        if (value.isEmpty()) {
            value = json.path("access_token").asText("");
        }
        if (value.isEmpty()) {
            throw new OciException("the token service " + challenge.realm() + " for " + registry + " sent no token",
                    "the registry's auth setup is broken; report it to the registry's operator");
        }
        long seconds = json.path("expires_in").asLong(0);
        Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
        Duration usable = lifetime.compareTo(MARGIN.multipliedBy(2)) > 0 ? lifetime.minus(MARGIN) : lifetime.dividedBy(2);
        return new Token(value, Instant.now().plus(usable));
    }

    private static OciException refused(String registry, BearerChallenge challenge, Scope scope,
                                        Optional<Credentials> credentials, String answer) {
        if (credentials.isEmpty()) {
            return Authenticator.noCredentials(registry, scope);
        }
        return new OciException("the token service " + challenge.realm() + " of " + registry + " refused "
                + credentials.get().describe() + " for " + describe(scope) + ": " + answer,
                Authenticator.refusedHint(registry));
    }

    static String describe(Scope scope) {
        return scope.isEmpty() ? "access to the registry" : scope.toString();
    }

    private static URI withQuery(URI realm, List<String> query) {
        if (query.isEmpty()) {
            return realm;
        }
        String separator = realm.getRawQuery() == null ? "?" : "&";
        return URI.create(realm + separator + String.join("&", query));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
