package dev.cairn.oci.layer;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;

/**
 * A written layer: the descriptor of its blob (compressed digest and size), the digest of
 * its uncompressed tar (the image config's diffID), and that tar's size.
 */
public record Layer(Descriptor descriptor, Digest diffId, long tarSize) {}
