package dev.cairn.inputs.lock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one request resolved to: the packages asked for (sorted), for which architecture, and
 * the closure chosen, as {@code name=version} keys into the lock's package table.
 *
 * @param because for each package pulled in by another, that other's name: the first
 *     dependency that needed it. Following it up to a requested package is the chain
 *     {@code cairn why} shows, so the lock alone explains itself, without an index.
 */
@JsonPropertyOrder({"architecture", "request", "packages", "because"})
public record LockedSet(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("request") List<String> request,
        @JsonProperty("packages") List<String> packages,
        @JsonProperty("because") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> because)
        implements Comparable<LockedSet> {
    public LockedSet {
        request = request.stream().sorted().distinct().toList();
        packages = packages.stream().sorted().distinct().toList();
        because = Collections.unmodifiableSortedMap(new TreeMap<>(because == null ? Map.of() : because));
    }

    public LockedSet(String architecture, List<String> request, List<String> packages) {
        this(architecture, request, packages, Map.of());
    }

    public boolean answers(String wantedArchitecture, List<String> wantedRequest) {
        return architecture.equals(wantedArchitecture)
                && request.equals(wantedRequest.stream().sorted().distinct().toList());
    }

    /**
     * The chain of package names from a requested package down to {@code name}: just
     * {@code [name]} for a package asked for, empty when the set does not hold it.
     */
    public List<String> chainTo(String name) {
        if (packages.stream().noneMatch(key -> key.substring(0, key.indexOf('=')).equals(name))) {
            return List.of();
        }
        List<String> chain = new ArrayList<>();
        for (String current = name; current != null && !chain.contains(current); current = because.get(current)) {
            chain.add(current);
        }
        Collections.reverse(chain);
        return List.copyOf(chain);
    }

    @Override
    public int compareTo(LockedSet other) {
        int byArchitecture = architecture.compareTo(other.architecture);
        return byArchitecture != 0 ? byArchitecture : String.join(",", request).compareTo(String.join(",", other.request));
    }
}
