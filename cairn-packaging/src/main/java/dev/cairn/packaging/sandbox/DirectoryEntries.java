package dev.cairn.packaging.sandbox;

import dev.cairn.packaging.PackagingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lays the top-level entries of a host directory under a mount point of the sandbox, one
 * bubblewrap operation each: directories and files bound read-only, symlinks recreated as
 * symlinks. Binding entry by entry (rather than the directory itself) leaves the mount point a
 * tmpfs of bubblewrap's, so the sandbox can add its own mounts beside them ({@code /dev},
 * {@code /cairn/store}, {@code /build}) without writing into the host directory.
 */
final class DirectoryEntries {
    private DirectoryEntries() {}

    /**
     * Appends the operations for {@code hostDirectory}'s entries, sorted by name, at
     * {@code mountPoint} ("/" or "/etc"), leaving out the names in {@code skipped}.
     */
    static void bind(Path hostDirectory, String mountPoint, Set<String> skipped, List<String> arguments) {
        for (Path entry : sortedEntries(hostDirectory)) {
            String name = entry.getFileName().toString();
            if (skipped.contains(name)) {
                continue;
            }
            String target = (mountPoint.endsWith("/") ? mountPoint : mountPoint + "/") + name;
            if (Files.isSymbolicLink(entry)) {
                // Kept as a link, so that /bin -> usr/bin or /lib64 -> usr/lib64 resolve inside
                // the sandbox's root instead of to whatever the link names on the host.
                arguments.addAll(List.of("--symlink", readLink(entry), target));
            } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                    || Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                arguments.addAll(List.of("--ro-bind", entry.toString(), target));
            }
            // Sockets, fifos and devices in a root filesystem are leftovers; a build gets /dev of its own.
        }
    }

    private static List<Path> sortedEntries(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> sorted = new ArrayList<>(entries.toList());
            sorted.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            return sorted;
        } catch (IOException e) {
            throw new PackagingException("cannot list " + directory + ": " + e.getMessage(),
                    "check that the build's root filesystem is a readable directory", e);
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new PackagingException("cannot read the symlink " + link + ": " + e.getMessage(),
                    "check that the build's root filesystem is readable", e);
        }
    }
}
