package dev.cairn.oci.registry;

import dev.cairn.oci.ImageReference;
import java.util.List;

/**
 * What a push did: the image's immutable reference ({@code registry/repo@sha256:…}), the tags
 * now pointing at it, and how each blob got there (uploaded, already present, or mounted from
 * a sibling repository).
 */
public record PushResult(ImageReference pushed, List<String> tags, int uploaded, int skipped, int mounted,
                         long bytesUploaded) {
    public PushResult {
        tags = List.copyOf(tags);
    }
}
