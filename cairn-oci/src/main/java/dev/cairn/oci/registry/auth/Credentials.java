package dev.cairn.oci.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A secret for one registry: a user name and password, or an identity token (an OAuth2
 * refresh token, which is what {@code docker login} stores for some registries).
 */
public record Credentials(String username, String password, Optional<String> identityToken) {
    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        identityToken = identityToken == null ? Optional.empty() : identityToken.filter(t -> !t.isEmpty());
    }

    public static Credentials basic(String username, String password) {
        return new Credentials(username, password, Optional.empty());
    }

    public static Credentials identityToken(String token) {
        return new Credentials("", "", Optional.of(token));
    }

    /** The value of an {@code Authorization: Basic …} header. */
    public String basicAuthorization() {
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Who, for messages; never the secret. */
    public String describe() {
        return identityToken.isPresent() ? "an identity token" : "user '" + username + "'";
    }

    @Override
    public String toString() {
        // Records print every component; this one must not leak the secret into logs.
        return "Credentials[" + describe() + "]";
    }
}
