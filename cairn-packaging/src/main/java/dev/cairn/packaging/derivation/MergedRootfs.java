package dev.cairn.packaging.derivation;

import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
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
 * Several store objects laid over each other as one directory tree, the way an image's
 * layers stack: a build's root filesystem made of Debian packages and their configuration.
 * bubblewrap binds one directory per top-level entry and cannot stack trees itself, so the
 * tree is made once per list of objects, of hard links into the store (read-only, like the
 * objects), and kept in the cache under the hash of that list.
 */
public final class MergedRootfs {
    private MergedRootfs() {}

    /** The merged tree of {@code objects} (later ones win), made under {@code cache} if not there yet. */
    public static Path of(Store store, List<StorePath> objects, Path cache) {
        Path target = cache.resolve(key(objects));
        if (Files.isDirectory(target)) {
            return target;
        }
        try {
            Files.createDirectories(cache);
            Path temporary = Files.createTempDirectory(cache, ".merge-");
            try {
                for (StorePath object : objects) {
                    overlay(store.physicalPath(object), temporary);
                }
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
            throw new UncheckedIOException("cannot lay out the build's root filesystem in " + cache, e);
        }
    }

    private static void overlay(Path from, Path to) throws IOException {
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.sorted().toList()) {
                Path destination = to.resolve(entry.getFileName().toString());
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
                        replace(destination);
                        Files.createDirectory(destination);
                    }
                    overlay(entry, destination);
                } else {
                    replace(destination);
                    if (Files.isSymbolicLink(entry)) {
                        Files.createSymbolicLink(destination, Files.readSymbolicLink(entry));
                    } else {
                        link(entry, destination);
                    }
                }
            }
        }
    }

    /** A hard link into the store; where the cache lies on another file system, a copy. */
    private static void link(Path file, Path destination) throws IOException {
        try {
            Files.createLink(destination, file);
        } catch (IOException | UnsupportedOperationException crossDevice) {
            Files.copy(file, destination, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void replace(Path destination) throws IOException {
        if (Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
            TreeDeletion.delete(destination);
        } else {
            Files.deleteIfExists(destination);
        }
    }

    private static String key(List<StorePath> objects) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            objects.forEach(object -> sha256.update((object + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
