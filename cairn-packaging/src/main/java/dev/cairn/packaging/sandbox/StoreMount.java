package dev.cairn.packaging.sandbox;

import dev.cairn.packaging.PackagingException;
import dev.cairn.store.StorePath;
import java.nio.file.Path;

/**
 * A store object as a build sees it: at its logical {@code path} under /cairn/store, backed by
 * {@code physical}, where it lies on this host (a store need not live at /cairn/store).
 */
public record StoreMount(StorePath path, Path physical) {
    public StoreMount {
        if (!physical.isAbsolute()) {
            throw new PackagingException("the host path " + physical + " of " + path + " is not absolute",
                    "give the store object's physical path, e.g. from Store.physicalPath");
        }
        physical = physical.normalize();
    }
}
