package dev.cairn.oci.registry;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.OciException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a push does, as data: the blobs that must be present in {@code repository} (each
 * with a source to read it from, and optionally a sibling repository on the same registry
 * that already has it), then the manifest, put last under each tag (or, untagged, its digest).
 */
public record PushPlan(Repository repository, List<Blob> blobs, byte[] manifest, String manifestMediaType,
                       List<String> tags) {
    public PushPlan {
        Map<Digest, Blob> unique = new LinkedHashMap<>();
        for (Blob blob : blobs) {
            // A config can equal a layer (empty JSON); it needs uploading once.
            unique.putIfAbsent(blob.descriptor().digest(), blob);
        }
        blobs = List.copyOf(unique.values());
        manifest = manifest.clone();
        tags = List.copyOf(tags);
        for (String tag : tags) {
            repository.tagged(tag);
        }
        if (manifestMediaType == null || manifestMediaType.isBlank()) {
            throw new OciException("the manifest pushed to " + repository + " has no media type",
                    "pass the manifest's mediaType, e.g. " + dev.cairn.oci.MediaTypes.OCI_MANIFEST);
        }
    }

    public static PushPlan of(Repository repository, List<Blob> blobs, byte[] manifest, String manifestMediaType,
                              String... tags) {
        return new PushPlan(repository, blobs, manifest, manifestMediaType, List.of(tags));
    }

    @Override
    public byte[] manifest() {
        return manifest.clone();
    }

    public Digest manifestDigest() {
        return Digest.sha256(manifest);
    }

    /**
     * The references the manifest is put under: each tag, or its digest when there is none. A
     * manifest put under a tag is stored by its digest too, so a separate PUT by digest would
     * only cost a round trip.
     */
    public List<String> manifestReferences() {
        return tags.isEmpty() ? List.of(manifestDigest().toString()) : tags;
    }

    /** One blob of the image and where to get it. */
    public record Blob(Descriptor descriptor, BlobSource source, Optional<String> mountFrom) {
        public Blob {
            mountFrom = mountFrom == null ? Optional.empty() : mountFrom;
        }

        public static Blob of(Descriptor descriptor, BlobSource source) {
            return new Blob(descriptor, source, Optional.empty());
        }

        /** The same blob, to be mounted from {@code repositoryName} on the same registry if it is there. */
        public Blob mountableFrom(String repositoryName) {
            return new Blob(descriptor, source, Optional.of(repositoryName));
        }

        public Digest digest() {
            return descriptor.digest();
        }

        public long size() {
            return descriptor.size();
        }
    }
}
