package dev.cairn.packaging.sandbox;

import dev.cairn.packaging.PackagingException;
import dev.cairn.store.StorePath;
import java.nio.file.Path;

/**
 * A host directory the build reads at {@code path}, bound read-only as one mount: an input tree
 * of many store objects (see the derivation's InputTree). It lies under /cairn, beside the store.
 */
public record TreeMount(Path physical, String path) {
    public TreeMount {
        if (!physical.isAbsolute()) {
            throw new PackagingException("the host directory " + physical + " of the tree at " + path
                    + " is not absolute", "give the tree's absolute path");
        }
        physical = physical.normalize();
        if (!path.startsWith("/cairn/") || path.startsWith(StorePath.STORE_DIR) || !Path.of(path).normalize()
                .toString().equals(path)) {
            throw new PackagingException("the tree at " + path + " is not a normal path under /cairn/ beside the store",
                    "place input trees at e.g. /cairn/maven-repository");
        }
    }
}
