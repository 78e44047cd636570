package dev.cairn.oci.registry;

import dev.cairn.oci.registry.auth.CredentialSource;
import java.time.Duration;

/** Client options for tests: no host credentials leak in, retries are quick, nothing waits long. */
final class TestClients {
    private TestClients() {}

    static RegistryClientOptions options() {
        return RegistryClientOptions.defaults()
                .withCredentials(CredentialSource.none())
                .withRetry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100)))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    static RegistryClient client() {
        return RegistryClient.create(options());
    }
}
