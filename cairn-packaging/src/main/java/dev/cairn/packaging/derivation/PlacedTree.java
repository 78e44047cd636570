package dev.cairn.packaging.derivation;

import dev.cairn.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An {@link InputTree} on disk: its objects at their places, of hard links into the store ({@link LinkedTrees}). */
public final class PlacedTree {
    private PlacedTree() {}

    /** The directory holding {@code tree}'s entries, made under {@code cache} if not there yet. */
    public static Path of(Store store, InputTree tree, Path cache) {
        List<String> lines = new ArrayList<>();
        tree.entries().forEach((entry, object) -> lines.add(entry + " " + object));
        return LinkedTrees.cached(cache, lines, (directory, placer) -> {
            for (var entry : tree.entries().entrySet()) {
                Path destination = directory.resolve(entry.getKey());
                Files.createDirectories(destination.getParent());
                placer.place(store.physicalPath(entry.getValue()), destination);
            }
        }, "the build's input tree " + tree.path());
    }
}
