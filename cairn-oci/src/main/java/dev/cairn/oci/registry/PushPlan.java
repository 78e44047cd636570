package dev.cairn.oci.registry;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.OciException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a push does, as data: the blobs that must be present in {@code repository} (each
 * with a source to read it from, and optionally a sibling repository on the same registry
 * that already has it), then the manifest, put last under its digest and each tag.
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

    /** The references the manifest is put under, in order: its digest, then each tag. */
    public List<String> manifestReferences() {
        List<String> references = new ArrayList<>();
        references.add(manifestDigest().toString());
        references.addAll(tags);
        return references;
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
