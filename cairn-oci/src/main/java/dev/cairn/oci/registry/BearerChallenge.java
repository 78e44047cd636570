package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A {@code Bearer} challenge: get a token from {@code realm} for {@code service} and
 * {@code scope}, then send it as {@code Authorization: Bearer …}.
 */
record BearerChallenge(URI realm, Optional<String> service, Scope scope) {
    static BearerChallenge of(AuthChallenge challenge, String registry) {
        String realm = challenge.parameter("realm").orElseThrow(() -> new OciException(
                registry + " asked for a bearer token but named no realm to get it from",
                "the registry's auth setup is broken; report it to the registry's operator"));
        URI realmUri;
        try {
            realmUri = new URI(realm);
        } catch (URISyntaxException e) {
            throw new OciException(registry + " named a token realm that is not a URI: " + realm,
                    "the registry's auth setup is broken; report it to the registry's operator", e);
        }
        if (!realmUri.isAbsolute() || realmUri.getHost() == null) {
            throw new OciException(registry + " named a token realm that is not an absolute URL: " + realm,
                    "the registry's auth setup is broken; report it to the registry's operator");
        }
        return new BearerChallenge(realmUri, challenge.parameter("service"),
                challenge.parameter("scope").map(Scope::parse).orElse(Scope.NONE));
    }
}
