package dev.cairn.inputs.npm;

import dev.cairn.inputs.InputsException;
import dev.cairn.store.ContentAddress;
import dev.cairn.store.StorePath;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * One npm tarball as a pinned input: which package, where it lies relative to a registry
 * ({@code pad/-/pad-1.0.0.tgz}, the way a Debian package's {@code Filename} is relative to its
 * repository: the registry's URL comes from npm's configuration, never from the lock), and the
 * hash its bytes must have.
 *
 * <p>Its store object is the unpacked package (the tarball's top directory, {@code package/},
 * stripped), at a path named in advance by the integrity hash, as a fixed-output derivation's:
 * so it is known before fetching, fetched once, and a build after {@code cairn fetch} needs
 * no network and no registry.
 */
public record LockedTarball(String name, String version, String relativePath, Integrity integrity) {
    /** Part of the store path's description: a change in how tarballs are unpacked gets a new number. */
    static final int FORMAT = 1;

    /**
     * The tarball of a lock entry: {@code resolved}'s path from the package's name on
     * ({@code …/@scope/pad/-/pad-1.0.0.tgz} gives {@code @scope/pad/-/pad-1.0.0.tgz}), which is where
     * every npm registry keeps it.
     */
    public static LockedTarball of(String name, String version, String resolved, Integrity integrity, String installPath) {
        String path;
        try {
            path = new URI(resolved).getPath();
        } catch (URISyntaxException e) {
            path = null;
        }
        int at = path == null ? -1 : path.lastIndexOf("/" + name + "/-/");
        String relative = at < 0 ? null : PackageLock.safeRelative(path.substring(at + 1));
        if (relative == null || !relative.endsWith(".tgz")) {
            throw new InputsException("package-lock.json: " + installPath + " (" + name + " " + version + ") is resolved to "
                    + resolved + ", not a registry tarball (<registry>/" + name + "/-/<file>.tgz)",
                    "cairn fetches packages from the configured npm registry only; depend on a published version");
        }
        return new LockedTarball(name, version, relative, integrity);
    }

    /** The store name, e.g. {@code npm-pad-1.0.0} or {@code npm-scope-pad-1.0.0} for {@code @scope/pad}. */
    public String storeName() {
        String base = ("npm-" + name.replace("@", "").replace('/', '-') + "-" + version).replaceAll("[^A-Za-z0-9+._?=-]", "_");
        return base.length() > 200 ? base.substring(0, 200) : base;
    }

    /** Where the unpacked package lives in the store, named by its hash before it is fetched. */
    public StorePath storePath() {
        return ContentAddress.outputPath("npm-tarball:" + FORMAT + ":" + integrity + ":" + name, storeName());
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
