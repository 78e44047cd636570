package dev.cairn.inputs.debian.pin;

import dev.cairn.store.StorePath;
import java.util.List;

/**
 * A locked closure in the store: each package's objects, in lock order, and the object
 * holding what their maintainer scripts would have written (users, alternatives links, CA
 * bundle, cacerts, dpkg status), to be laid over them.
 */
public record RealizedPackages(List<RealizedPackage> packages, StorePath rootfsConfig) {
    public RealizedPackages {
        packages = List.copyOf(packages);
    }
}
