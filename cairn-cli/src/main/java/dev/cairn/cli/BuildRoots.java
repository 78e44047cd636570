package dev.cairn.cli;

import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import dev.cairn.workspace.OperableTarget;
import dev.cairn.workspace.Target;
import dev.cairn.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The GC roots package and operable builds leave, as Nix's {@code result} links: what a workspace
 * last built stays until it builds something else there. A root's name holds a hash of the
 * workspace's path, so two checkouts keep their own; a package's starts with {@code build-}, an
 * operable's with {@code operable-} (its debug shell's with {@code debug-}), so a package and an
 * operable of one name keep theirs.
 */
final class BuildRoots {
    private BuildRoots() {}

    static void keep(Store store, Workspace workspace, Target target, ObjectInfo output) {
        keep(store, name(workspace, target), output);
    }

    /** The operable's debug shell, kept beside its build: {@code debug-} in place of {@code operable-}. */
    static void keepDebugShell(Store store, Workspace workspace, OperableTarget target, ObjectInfo shell) {
        keep(store, debugShellName(workspace, target), shell);
    }

    /** The debug shell this workspace last built for the operable, if the store still has it. */
    static Optional<StorePath> lastDebugShell(Store store, Workspace workspace, OperableTarget target) {
        return last(store, debugShellName(workspace, target));
    }

    private static void keep(Store store, String name, ObjectInfo output) {
        try {
            store.roots().add(name, output.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register " + output.path() + " as the GC root " + name, e);
        }
    }

    /** What this workspace last built for the package, if the store still has it. */
    static Optional<StorePath> lastBuild(Store store, Workspace workspace, Target target) {
        return last(store, name(workspace, target));
    }

    private static Optional<StorePath> last(Store store, String name) {
        try {
            return Optional.ofNullable(store.roots().list().get(name)).filter(store::isValid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store's GC roots", e);
        }
    }

    static String name(Workspace workspace, Target target) {
        return name(target instanceof OperableTarget ? "operable-" : "build-", workspace, target);
    }

    private static String debugShellName(Workspace workspace, OperableTarget target) {
        return name("debug-", workspace, target);
    }

    private static String name(String kind, Workspace workspace, Target target) {
        String where = HexFormat.of().formatHex(sha256(workspace.root().toString())).substring(0, 12);
        return kind + where + "-" + target.address().cell() + "-" + target.address().name();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
