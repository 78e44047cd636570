package dev.cairn.inputs.lock;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What one request resolved to: the packages asked for (sorted), for which architecture, and
 * the closure chosen, as {@code name=version} keys into the lock's package table.
 */
@JsonPropertyOrder({"architecture", "request", "packages"})
public record LockedSet(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("request") List<String> request,
        @JsonProperty("packages") List<String> packages) implements Comparable<LockedSet> {
    public LockedSet {
        request = request.stream().sorted().distinct().toList();
        packages = packages.stream().sorted().distinct().toList();
    }

    public boolean answers(String wantedArchitecture, List<String> wantedRequest) {
        return architecture.equals(wantedArchitecture)
                && request.equals(wantedRequest.stream().sorted().distinct().toList());
    }

    @Override
    public int compareTo(LockedSet other) {
        int byArchitecture = architecture.compareTo(other.architecture);
        return byArchitecture != 0 ? byArchitecture : String.join(",", request).compareTo(String.join(",", other.request));
    }
}
