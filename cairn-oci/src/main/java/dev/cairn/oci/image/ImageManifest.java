package dev.cairn.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cairn.oci.Descriptor;
import java.util.List;
import java.util.Map;

/** An image manifest: config and layers by descriptor. OCI or Docker schema 2 by media type. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageManifest(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("artifactType") String artifactType,
        @JsonProperty("config") Descriptor config,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("layers") List<Descriptor> layers,
        @JsonProperty("subject") Descriptor subject,
        @JsonProperty("annotations") Map<String, String> annotations) {

    public static ImageManifest of(String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
        return new ImageManifest(2, mediaType, null, config, List.copyOf(layers), null,
                annotations == null ? Map.of() : new java.util.TreeMap<>(annotations));
    }
}
