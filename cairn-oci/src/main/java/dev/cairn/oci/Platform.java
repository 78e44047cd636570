package dev.cairn.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The platform an image runs on, as image indexes name it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Platform(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os,
        @JsonProperty("variant") String variant) {
    public static Platform linux(String architecture) {
        return new Platform(architecture, "linux", null);
    }
}
