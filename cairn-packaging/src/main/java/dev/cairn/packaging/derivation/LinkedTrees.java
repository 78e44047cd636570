package dev.cairn.packaging.derivation;

import dev.cairn.store.TreeDeletion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Directory trees made of hard links into the store (read-only, like the objects), each made
 * once and kept in a cache directory under the hash of what it holds: what the sandbox binds
 * as one directory where the store has many objects. Made in a temporary directory and moved
 * into place, so a killed cairn or two cairns at once never leave a half-made tree to be used.
 * Deleting a tree makes only its directories writable (TreeDeletion), never the store's files.
 */
final class LinkedTrees {
    /** Fills a fresh directory with the tree, placing store files with {@code placer}. */
    interface Filler {
        void fill(Path directory, Placer placer) throws IOException;
    }

    private LinkedTrees() {}

    /** The tree described by {@code lines}, made under {@code cache} by {@code filler} if not there yet. */
    static Path cached(Path cache, List<String> lines, Filler filler, String what) {
        Path target = cache.resolve(key(lines));
        if (Files.isDirectory(target)) {
            return target;
        }
        try {
            Files.createDirectories(cache);
            Path temporary = Files.createTempDirectory(cache, ".make-");
            try {
                filler.fill(temporary, new Placer(temporary));
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    if (!Files.isDirectory(target)) {
                        throw raced;
                    }
                }
            } finally {
                if (Files.exists(temporary, LinkOption.NOFOLLOW_LINKS)) {
                    TreeDeletion.delete(temporary);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out " + what + " in " + cache, e);
        }
    }

    /**
     * Places store files in one tree: hard links when the tree lies on the store's file system,
     * copies when the cache is on another (decided once, at the first file). Any other failure
     * to link is an error, not a reason to copy.
     */
    static final class Placer {
        private final Path tree;
        private Boolean sameFileSystem;

        private Placer(Path tree) {
            this.tree = tree;
        }

        /** {@code from} at {@code destination}: files linked (or copied), symlinks as they are, directories anew. */
        void place(Path from, Path destination) throws IOException {
            if (Files.isSymbolicLink(from)) {
                Files.createSymbolicLink(destination, Files.readSymbolicLink(from));
            } else if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(destination);
                try (Stream<Path> entries = Files.list(from)) {
                    for (Path entry : entries.sorted().toList()) {
                        place(entry, destination.resolve(entry.getFileName().toString()));
                    }
                }
            } else if (sameFileSystem(from)) {
                Files.createLink(destination, from);
            } else {
                Files.copy(from, destination, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }

        private boolean sameFileSystem(Path file) throws IOException {
            if (sameFileSystem == null) {
                sameFileSystem = Files.getFileStore(file).equals(Files.getFileStore(tree));
            }
            return sameFileSystem;
        }
    }

    private static String key(List<String> lines) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            lines.forEach(line -> sha256.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
