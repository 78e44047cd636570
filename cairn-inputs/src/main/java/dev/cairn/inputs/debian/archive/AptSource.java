package dev.cairn.inputs.debian.archive;

import java.util.List;
import java.util.Optional;

/**
 * One {@code deb} repository from the machine's apt configuration.
 *
 * @param suites e.g. a codename; a suite ending in {@code /} is a flat repository and has no
 *     components
 * @param architectures the {@code arch=}/{@code Architectures} restriction, empty when none
 * @param signedBy the keys that must sign it, when apt's configuration says; otherwise the
 *     caller's default keyring applies
 * @param origin the file and line the entry comes from, for messages
 */
public record AptSource(RepositoryUri uri, List<String> suites, List<String> components,
                        List<String> architectures, Optional<SignedBy> signedBy, String origin) {
    public AptSource {
        suites = List.copyOf(suites);
        components = List.copyOf(components);
        architectures = List.copyOf(architectures);
    }
}
