package dev.cairn.oci.image;

import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.Platform;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layer.LayerContents;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an image is made from, as plain data: layers (each with the line its history
 * entry shows), the container config, platform, manifest annotations and the form of the
 * blobs. The same recipe always gives the same digests.
 */
public record ImageRecipe(
        List<RecipeLayer> layers,
        ContainerConfig config,
        Platform platform,
        Map<String, String> annotations,
        Compression compression,
        String manifestMediaType) {

    public ImageRecipe {
        layers = List.copyOf(layers);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(platform, "platform");
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        Objects.requireNonNull(compression, "compression");
        if (!MediaTypes.OCI_MANIFEST.equals(manifestMediaType) && !MediaTypes.DOCKER_MANIFEST.equals(manifestMediaType)) {
            throw new IllegalArgumentException("not an image manifest media type: " + manifestMediaType);
        }
    }

    /** One layer and what made it, for the config's history. */
    public record RecipeLayer(String createdBy, LayerContents contents) {}
}
