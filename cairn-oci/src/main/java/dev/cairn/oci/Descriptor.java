package dev.cairn.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/** A reference to content by media type, digest and size: the unit of everything OCI. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Descriptor(
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("digest") Digest digest,
        @JsonProperty("size") long size,
        @JsonProperty("annotations") Map<String, String> annotations,
        @JsonProperty("platform") Platform platform,
        @JsonProperty("artifactType") String artifactType) {
    public Descriptor {
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, Map.of(), null, null);
    }

    public Descriptor withAnnotations(Map<String, String> extra) {
        TreeMap<String, String> merged = new TreeMap<>(annotations);
        merged.putAll(extra);
        return new Descriptor(mediaType, digest, size, merged, platform, artifactType);
    }

    public Descriptor withPlatform(Platform newPlatform) {
        return new Descriptor(mediaType, digest, size, annotations, newPlatform, artifactType);
    }

    public Descriptor withMediaType(String newMediaType) {
        return new Descriptor(newMediaType, digest, size, annotations, platform, artifactType);
    }
}
