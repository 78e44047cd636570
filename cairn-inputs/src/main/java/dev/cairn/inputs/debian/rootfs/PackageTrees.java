package dev.cairn.inputs.debian.rootfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The union of several packages' extracted trees, read as the rootfs they will form, without
 * copying them together. Packages do not overlap (dpkg refuses it); where they would, the
 * later tree in the list wins, as it would in the image's layers.
 */
public record PackageTrees(List<Path> roots) {
    public PackageTrees {
        roots = List.copyOf(roots);
    }

    /** The file at {@code path} (relative to the rootfs, no leading slash), not following a final symlink. */
    public Optional<Path> find(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (int i = roots.size() - 1; i >= 0; i--) {
            Path candidate = roots.get(i).resolve(relative);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public boolean exists(String path) {
        return find(path).isPresent();
    }

    /** Names in the directory {@code path} across all trees, sorted. */
    public List<String> list(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        TreeSet<String> names = new TreeSet<>();
        for (Path root : roots) {
            Path directory = root.resolve(relative);
            if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> entries = Files.list(directory)) {
                    entries.forEach(entry -> names.add(entry.getFileName().toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + directory, e);
                }
            }
        }
        return List.copyOf(names);
    }
}
