package dev.cairn.oci.image;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.layer.Layer;
import java.util.List;

/** An image written to a layout: its manifest (the image's identity), config and layers. */
public record WrittenImage(Descriptor manifest, Descriptor config, List<Layer> layers, ImageManifest manifestDocument) {
    public WrittenImage {
        layers = List.copyOf(layers);
    }
}
