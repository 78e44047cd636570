package dev.cairn.store.nar;

import dev.cairn.store.StoreException;
import dev.cairn.store.TreeFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Walks a tree the way NAR serialises it. Only what NAR can express is accepted: directories,
 * regular files (executable or not) and symlinks; anything else is refused by name.
 */
public final class FileTree {
    /** Nix orders entries by raw bytes, which differs from Java's UTF-16 order above U+FFFF. */
    private static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private FileTree() {}

    public static void walk(Path root, FileTreeVisitor visitor) throws IOException {
        walkSelected(root, null, visitor);
    }

    /**
     * Walks what {@code filter} keeps of the tree. A directory with nothing kept below it is
     * left out as well (the root excepted): what is selected is files, as git tracks them, so
     * a directory emptied by the filter, or one a checkout merely happens to have, changes
     * nothing. A single file as the root is walked as it is.
     */
    public static void walk(Path root, TreeFilter filter, FileTreeVisitor visitor) throws IOException {
        walkSelected(root, Objects.requireNonNull(filter, "filter"), visitor);
    }

    /** {@code filter} null: everything, empty directories included, as NAR has it. */
    private static void walkSelected(Path root, TreeFilter filter, FileTreeVisitor visitor) throws IOException {
        requireUtf8FileNames();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException(root + " does not exist", "check the path");
        }
        visit(root, "", filter, visitor);
    }

    private static void visit(Path path, String relative, TreeFilter filter, FileTreeVisitor visitor)
            throws IOException {
        PosixFileAttributes attributes =
                Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            visitor.symlink(path, Files.readSymbolicLink(path).toString());
        } else if (attributes.isRegularFile()) {
            boolean executable = attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
            visitor.regularFile(path, executable, attributes.size());
        } else if (attributes.isDirectory()) {
            visitor.directoryStart(path);
            for (String name : sortedEntries(path)) {
                String childRelative = relative.isEmpty() ? name : relative + "/" + name;
                if (filter != null && !selected(path.resolve(name), childRelative, filter)) {
                    continue;
                }
                requireUtf8(path, name);
                visitor.entryStart(name);
                visit(path.resolve(name), childRelative, filter, visitor);
                visitor.entryEnd();
            }
            visitor.directoryEnd(path);
        } else {
            throw new StoreException(path + " is a device, socket or pipe, which a store object cannot hold",
                    "remove it from the tree before adding it");
        }
    }

    /**
     * Whether the filter keeps the entry and, for a directory, anything below it. Looking ahead
     * (and stopping at the first kept entry) keeps the walk a single stream, holding no tree in
     * memory; a directory's entries are listed again when it is walked.
     */
    private static boolean selected(Path entry, String relative, TreeFilter filter) throws IOException {
        boolean directory = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
        if (!filter.keeps(relative, directory)) {
            return false;
        }
        if (!directory) {
            return true;
        }
        for (String name : sortedEntries(entry)) {
            if (selected(entry.resolve(name), relative + "/" + name, filter)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> sortedEntries(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> children = Files.list(directory)) {
            children.forEach(child -> names.add(child.getFileName().toString()));
        }
        names.sort(BYTE_ORDER);
        return names;
    }

    /** Checked only for entries walked: a name the filter leaves out may be anything. */
    private static void requireUtf8(Path directory, String name) {
        if (name.indexOf('\uFFFD') >= 0) {
            throw new StoreException("the name of an entry in " + directory + " is not valid UTF-8",
                    "rename it; store objects hold UTF-8 names only");
        }
    }

    /** The JVM decodes file names with the locale's charset; under C/POSIX non-ASCII breaks. */
    private static void requireUtf8FileNames() {
        String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (!encoding.equalsIgnoreCase("UTF-8") && !encoding.equalsIgnoreCase("UTF8")) {
            throw new StoreException("this JVM decodes file names as " + encoding + ", not UTF-8",
                    "run it with a UTF-8 locale, e.g. LC_ALL=C.UTF-8 (the ./cairn launcher does this)");
        }
    }
}
