package dev.cairn.oci.registry;

import dev.cairn.oci.Digest;

/** A manifest or index as the registry served it, with its verified digest. */
public record PulledManifest(byte[] bytes, String mediaType, Digest digest) {
    public PulledManifest {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
