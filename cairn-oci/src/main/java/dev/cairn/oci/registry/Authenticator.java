package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;
import dev.cairn.oci.registry.auth.CredentialSource;
import dev.cairn.oci.registry.auth.Credentials;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the {@code Authorization} header of each request and answers a registry's 401
 * challenge: Basic with the registry's credentials, or Bearer with a token from its realm.
 * Until a registry has challenged once, requests go without credentials, so they are only
 * ever sent to a registry that asked for them.
 */
final class Authenticator {
    private enum Scheme { BASIC, BEARER }

    private final CredentialSource source;
    private final BearerTokens tokens;
    private final ConcurrentHashMap<String, Scheme> schemes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Optional<Credentials>> credentials = new ConcurrentHashMap<>();

    Authenticator(CredentialSource source, BearerTokens tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    Optional<String> authorization(String registry, Scope scope) {
        Scheme scheme = schemes.get(registry);
        if (scheme == null) {
            return Optional.empty();
        }
        return switch (scheme) {
            case BASIC -> credentials(registry).map(Credentials::basicAuthorization);
            case BEARER -> tokens.cached(registry, scope).map(token -> "Bearer " + token);
        };
    }

    /** Looked up once per registry: a credential helper is a process, and may prompt. */
    Optional<Credentials> credentials(String registry) {
        return credentials.computeIfAbsent(registry, source::lookup);
    }

    /**
     * Makes ready to answer {@code challengeHeader} with the next request, or throws when it
     * cannot be answered. {@code sent} is what the refused request carried.
     */
    void answer(String registry, String challengeHeader, Scope scope, Optional<String> sent) {
        AuthChallenge challenge = AuthChallenge.parse(challengeHeader).orElseThrow(() -> new OciException(
                registry + " answered 401 without saying how to authenticate (no WWW-Authenticate header)",
                "check that " + registry + " is a registry and not a proxy or login page in front of one"));
        if (challenge.isBasic()) {
            Credentials found = credentials(registry).orElseThrow(() -> noCredentials(registry, scope));
            if (sent.isPresent()) {
                throw refused(registry, scope, found, "");
            }
            schemes.put(registry, Scheme.BASIC);
        } else if (challenge.isBearer()) {
            if (sent.isPresent()) {
                // The token we had may have expired or been revoked early; one fresh try.
                tokens.forget(registry, scope);
            }
            tokens.fetch(registry, BearerChallenge.of(challenge, registry), scope, credentials(registry));
            schemes.put(registry, Scheme.BEARER);
        } else {
            throw new OciException(registry + " asks for " + challenge.scheme() + " authentication, which cairn does not speak",
                    "use a registry that supports Basic or Bearer token authentication");
        }
    }

    /** The registry refused the request even with the credentials or token it asked for. */
    OciException refused(String registry, Scope scope, RegistryErrorResponse error) {
        Optional<Credentials> found = credentials(registry);
        if (found.isEmpty()) {
            return noCredentials(registry, scope);
        }
        return refused(registry, scope, found.get(), error.summary());
    }

    private static OciException refused(String registry, Scope scope, Credentials credentials, String detail) {
        return new OciException(registry + " refused " + credentials.describe() + " for "
                + BearerTokens.describe(scope) + (detail.isEmpty() ? "" : ": " + detail),
                refusedHint(registry));
    }

    static String refusedHint(String registry) {
        return "check the password or token for " + registry + " (log in again with `podman login " + registry
                + "` / `docker login " + registry + "`) and that the account may do this";
    }

    static OciException noCredentials(String registry, Scope scope) {
        return new OciException(registry + " requires authentication for " + BearerTokens.describe(scope)
                + ", and there are no credentials for " + registry,
                "no credentials for " + registry + ": log in with `podman login " + registry + "` / `docker login "
                        + registry + "`, or add it to ~/.docker/config.json");
    }
}
