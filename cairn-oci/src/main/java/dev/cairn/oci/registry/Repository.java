package dev.cairn.oci.registry;

import dev.cairn.oci.Digest;
import dev.cairn.oci.ImageReference;
import dev.cairn.oci.OciException;

/** A repository on a registry, {@code registry[:port]/name}: where blobs and manifests live. */
public record Repository(String registry, String name) {
    public Repository {
        // ImageReference owns the grammar of registry and repository names.
        new ImageReference(registry, name, null, null);
    }

    /** Parses {@code registry[:port]/name}; a tag or digest is refused, since it would be ignored. */
    public static Repository parse(String text) {
        ImageReference reference = ImageReference.parse(text);
        if (reference.tag() != null || reference.digest() != null) {
            throw new OciException("'" + text + "' names an image, not a repository",
                    "leave out the :tag and @digest, e.g. " + reference.repositoryReference());
        }
        return of(reference);
    }

    public static Repository of(ImageReference reference) {
        return new Repository(reference.registry(), reference.repository());
    }

    /** Another repository on the same registry. */
    public Repository sibling(String otherName) {
        return new Repository(registry, otherName);
    }

    public ImageReference at(Digest digest) {
        return new ImageReference(registry, name, null, digest);
    }

    public ImageReference tagged(String tag) {
        return new ImageReference(registry, name, tag, null);
    }

    @Override
    public String toString() {
        return registry + "/" + name;
    }
}
