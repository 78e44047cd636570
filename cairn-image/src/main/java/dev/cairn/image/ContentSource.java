package dev.cairn.image;

import dev.cairn.store.StorePath;
import java.nio.file.Path;

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
}
