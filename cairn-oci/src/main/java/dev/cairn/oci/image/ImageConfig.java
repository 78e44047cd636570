package dev.cairn.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cairn.oci.Digest;
import java.util.List;

/** The image config blob ({@code application/vnd.oci.image.config.v1+json}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageConfig(
        @JsonProperty("created") String created,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os,
        @JsonProperty("variant") String variant,
        @JsonProperty("config") ContainerConfig config,
        @JsonProperty("rootfs") RootFs rootfs,
        @JsonProperty("history") List<History> history) {

    /** The fixed creation time of every cairn image, so that it never changes a digest. */
    public static final String EPOCH = "1970-01-01T00:00:01Z";

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
        public static RootFs layers(List<Digest> diffIds) {
            return new RootFs("layers", List.copyOf(diffIds));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record History(
            @JsonProperty("created") String created,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("comment") String comment,
            @JsonProperty("empty_layer") Boolean emptyLayer) {}
}
