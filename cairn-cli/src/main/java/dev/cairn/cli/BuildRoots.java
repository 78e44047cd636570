package dev.cairn.cli;

import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import dev.cairn.workspace.PackageTarget;
import dev.cairn.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The GC roots package builds leave, as Nix's {@code result} links: what a workspace last built
 * stays until it builds something else there. A root's name holds a hash of the workspace's
 * path, so two checkouts keep their own.
 */
final class BuildRoots {
    private BuildRoots() {}

    static void keep(Store store, Workspace workspace, PackageTarget pkg, ObjectInfo output) {
        String name = name(workspace, pkg);
        try {
            store.roots().add(name, output.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register " + output.path() + " as the GC root " + name, e);
        }
    }

    /** What this workspace last built for the package, if the store still has it. */
    static Optional<StorePath> lastBuild(Store store, Workspace workspace, PackageTarget pkg) {
        try {
            return Optional.ofNullable(store.roots().list().get(name(workspace, pkg))).filter(store::isValid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store's GC roots", e);
        }
    }

    static String name(Workspace workspace, PackageTarget pkg) {
        String where = HexFormat.of().formatHex(sha256(workspace.root().toString())).substring(0, 12);
        return "build-" + where + "-" + pkg.address().cell() + "-" + pkg.address().name();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
