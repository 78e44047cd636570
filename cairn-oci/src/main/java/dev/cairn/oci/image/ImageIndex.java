package dev.cairn.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cairn.oci.Descriptor;
import java.util.List;
import java.util.Map;

/** An image index: manifests by descriptor, e.g. one per platform, or a layout's {@code index.json}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageIndex(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("mediaType") String mediaType,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("manifests") List<Descriptor> manifests,
        @JsonProperty("annotations") Map<String, String> annotations) {

    public static ImageIndex of(List<Descriptor> manifests) {
        return new ImageIndex(2, dev.cairn.oci.MediaTypes.OCI_INDEX, List.copyOf(manifests), Map.of());
    }
}
