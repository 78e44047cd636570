package dev.cairn.inputs.debian.pin;

import java.util.List;
import java.util.Objects;

/**
 * Debian packages the workspace asks for together, for one architecture: what the lock keeps
 * one closure for.
 *
 * @param request as apt spells it, sorted and without repeats
 * @param wantedBy the targets that ask for it, for messages
 */
public record RequestSet(String architecture, List<String> request, List<String> wantedBy) {
    public RequestSet {
        Objects.requireNonNull(architecture, "architecture");
        request = request.stream().sorted().distinct().toList();
        wantedBy = wantedBy.stream().sorted().distinct().toList();
        if (request.isEmpty()) {
            throw new IllegalArgumentException("a request set asks for at least one package");
        }
    }

    /** {@code openjdk-17-jre-headless ca-certificates (amd64)}, as messages show it. */
    public String describe() {
        return String.join(" ", request) + " (" + architecture + ")";
    }

    /** Whether this and {@code other} ask for the same packages for the same architecture. */
    public boolean sameRequest(RequestSet other) {
        return architecture.equals(other.architecture) && request.equals(other.request);
    }
}
