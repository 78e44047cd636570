package dev.cairn.image;

import dev.cairn.store.StorePath;
import java.nio.file.Path;
import java.util.List;

/** Where an image's content comes from. */
public sealed interface ContentSource {
    /**
     * A file or directory of the workspace.
     *
     * @param path absolute host path
     * @param declaredAs the path as the user wrote it, for messages
     */
    record WorkspaceFile(Path path, String declaredAs) implements ContentSource {}

    /** A store object; the image gets it and its whole closure under {@code /cairn/store}. */
    record StoreObject(StorePath path) implements ContentSource {}

    /**
     * Debian packages as asked for (apt's spelling: {@code name}, {@code name=version},
     * {@code name:arch}), for the image's architecture. A declaration only: a build realises it
     * through {@code cairn.lock} into {@link StoreTree}s and an {@link EmptyDirectory}.
     */
    record DebianPackages(List<String> request) implements ContentSource {
        public DebianPackages {
            request = List.copyOf(request);
        }
    }

    /**
     * A store object's tree laid out at the content's image path itself, as a root filesystem
     * part (a Debian package's files at their FHS paths), rather than under {@code /cairn/store}.
     *
     * @param label what the layer holds, for its history entry (e.g. {@code debian libc6 2.36-9})
     */
    record StoreTree(StorePath path, String label) implements ContentSource {}

    /**
     * A realised package's files (a Debian package's, at their FHS paths) laid out at the
     * content's image path: like a {@link StoreTree}, but a shareable part of the image, layered
     * with the store objects by popularity.
     *
     * @param name the package's name, e.g. {@code libc6}
     * @param label what the layer holds, for its history entry (e.g. {@code debian libc6 2.36-9})
     * @param dependents how many other packages of the image depend on it
     */
    record PackageTree(StorePath path, String name, String label, int dependents) implements ContentSource {}

    /** A symbolic link to {@code target} (e.g. {@code /bin/entrypoint} to an operable's script). */
    record Symlink(String target) implements ContentSource {}

    /** An empty directory, with the content's mode (e.g. {@code /tmp} at {@code 1777}). */
    record EmptyDirectory() implements ContentSource {}
}
