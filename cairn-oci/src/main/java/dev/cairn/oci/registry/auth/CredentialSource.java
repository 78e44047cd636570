package dev.cairn.oci.registry.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the credentials for a registry ({@code host[:port]}), if there are any. Looked up at
 * most once per registry by a client, when the registry first asks for authentication.
 */
@FunctionalInterface
public interface CredentialSource {
    Optional<Credentials> lookup(String registry);

    static CredentialSource none() {
        return registry -> Optional.empty();
    }

    static CredentialSource of(Map<String, Credentials> byRegistry) {
        Map<String, Credentials> copy = Map.copyOf(byRegistry);
        return registry -> Optional.ofNullable(copy.get(registry));
    }

    /** The first source that has credentials for the registry wins. */
    static CredentialSource firstOf(List<CredentialSource> sources) {
        List<CredentialSource> copy = List.copyOf(sources);
        return registry -> copy.stream()
                .map(source -> source.lookup(registry))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
