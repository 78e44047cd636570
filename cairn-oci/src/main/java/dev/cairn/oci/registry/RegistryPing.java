package dev.cairn.oci.registry;

import java.net.URI;

/** The answer of a registry's {@code GET /v2/}: where it was reached and how it stands on authentication. */
public record RegistryPing(String registry, URI endpoint, Access access) {
    public enum Access {
        /** The registry answered without asking for authentication. */
        OPEN,
        /** The registry asked for authentication and accepted cairn's credentials for it. */
        AUTHENTICATED,
        /** The registry asks for authentication and there are no credentials for it. */
        CREDENTIALS_MISSING
    }
}
