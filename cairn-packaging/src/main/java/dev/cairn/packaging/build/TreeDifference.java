package dev.cairn.packaging.build;

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
 * The first place two trees differ, in the order NAR walks them (names sorted), in the terms
 * NAR sees: kind of entry, content, the executable bit, a link's target. What a person needs
 * to find the source of an unreproducible build.
 */
final class TreeDifference {
    private TreeDifference() {}

    static Optional<String> first(Path expected, Path actual) {
        try {
            return compare(expected, actual, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + expected + " with " + actual, e);
        }
    }

    private static Optional<String> compare(Path a, Path b, String name) throws IOException {
        String shown = name.isEmpty() ? "the output itself" : name;
        String kindA = kind(a);
        String kindB = kind(b);
        if (!kindA.equals(kindB)) {
            return Optional.of(shown + ": " + kindA + " before, " + kindB + " now");
        }
        switch (kindA) {
            case "symlink" -> {
                if (!Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b))) {
                    return Optional.of(shown + ": link to " + Files.readSymbolicLink(a) + " before, to "
                            + Files.readSymbolicLink(b) + " now");
                }
            }
            case "file", "executable file" -> {
                long at = Files.mismatch(a, b);
                if (at != -1) {
                    return Optional.of(shown + ": content differs from byte " + at + " (" + Files.size(a) + " bytes before, "
                            + Files.size(b) + " now)");
                }
            }
            case "directory" -> {
                TreeSet<String> names = new TreeSet<>(names(a));
                names.addAll(names(b));
                for (String child : names) {
                    Optional<String> difference = compare(a.resolve(child), b.resolve(child),
                            name.isEmpty() ? child : name + "/" + child);
                    if (difference.isPresent()) {
                        return difference;
                    }
                }
            }
            default -> { }
        }
        return Optional.empty();
    }

    private static String kind(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return "absent";
        }
        if (Files.isSymbolicLink(path)) {
            return "symlink";
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return "directory";
        }
        return Files.isExecutable(path) ? "executable file" : "file";
    }

    private static List<String> names(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }
}
