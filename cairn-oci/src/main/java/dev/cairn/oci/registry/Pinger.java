package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;
import java.util.Optional;

/**
 * Checks that a registry is there and speaks the distribution API ({@code GET /v2/}), and how
 * it stands on authentication. Telling apart: no one listening or TLS failing (thrown by the
 * transport), something that is not a registry (thrown here), and a registry wanting login.
 */
final class Pinger {
    private final RegistryHttp http;

    Pinger(RegistryHttp http) {
        this.http = http;
    }

    RegistryPing ping(String registry) {
        RegistryEndpoint endpoint = http.endpoint(registry);
        String what = "checking " + registry + " (GET " + endpoint.ping() + ")";
        RegistryRequest get = RegistryRequest.of(registry, "GET", endpoint.ping(), Scope.NONE);
        return http.retrier().run(what, () -> {
            try (RegistryResponse anonymous = http.exchange(get, Optional.empty())) {
                if (anonymous.status() == 200) {
                    return new RegistryPing(registry, endpoint.base(), RegistryPing.Access.OPEN);
                }
                if (anonymous.status() >= 500 || anonymous.status() == 429) {
                    anonymous.expect(what, 200);
                }
                if (anonymous.status() != 401) {
                    throw notARegistry(registry, anonymous.status());
                }
            }
            if (http.authenticator().credentials(registry).isEmpty()) {
                return new RegistryPing(registry, endpoint.base(), RegistryPing.Access.CREDENTIALS_MISSING);
            }
            try (RegistryResponse authenticated = http.send(get).expect(what, 200)) {
                return new RegistryPing(registry, endpoint.base(), RegistryPing.Access.AUTHENTICATED);
            }
        });
    }

    private static OciException notARegistry(String registry, int status) {
        return new OciException(registry + " answered GET /v2/ with " + status + ": it is not an OCI registry, or not at this address",
                "check the registry's host and port; the distribution API lives under /v2/");
    }
}
