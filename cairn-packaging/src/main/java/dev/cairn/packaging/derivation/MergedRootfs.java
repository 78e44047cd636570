package dev.cairn.packaging.derivation;

import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import dev.cairn.store.TreeDeletion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Several store objects laid over each other as one directory tree, the way an image's
 * layers stack: a build's root filesystem made of Debian packages and their configuration.
 * bubblewrap binds one directory per top-level entry and cannot stack trees itself, so the
 * tree is made once per list of objects, of hard links into the store ({@link LinkedTrees}).
 */
public final class MergedRootfs {
    private MergedRootfs() {}

    /** The merged tree of {@code objects} (later ones win), made under {@code cache} if not there yet. */
    public static Path of(Store store, List<StorePath> objects, Path cache) {
        return LinkedTrees.cached(cache, objects.stream().map(StorePath::toString).toList(), (directory, placer) -> {
            for (StorePath object : objects) {
                overlay(store.physicalPath(object), directory, placer);
            }
        }, "the build's root filesystem");
    }

    private static void overlay(Path from, Path to, LinkedTrees.Placer placer) throws IOException {
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.sorted().toList()) {
                Path destination = to.resolve(entry.getFileName().toString());
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
                        replace(destination);
                        Files.createDirectory(destination);
                    }
                    overlay(entry, destination, placer);
                } else {
                    replace(destination);
                    placer.place(entry, destination);
                }
            }
        }
    }

    private static void replace(Path destination) throws IOException {
        if (Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
            TreeDeletion.delete(destination);
        } else {
            Files.deleteIfExists(destination);
        }
    }
}
