package dev.cairn.inputs.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A tree being extracted into a fresh, private directory. It remembers what each path it made
 * is, and decides from that alone, never from the file system, whether an entry's parent is a
 * real directory: the directory is new and only this writes to it, so the record is the
 * truth, and a symlink is never resolved. Files are opened with {@code O_CREAT|O_EXCL}, which
 * does not follow a symlink either, as a second guard.
 */
final class SafeTree implements EntryVisitor {
    private enum Kind { DIRECTORY, FILE, SYMLINK }

    private final Path root;
    private final String archive;
    /** Keyed by the normalised path as a string: a million entries should not cost a gigabyte. */
    private final Map<String, Kind> made = new HashMap<>();
    private final SortedMap<String, Integer> droppedSpecialBits = new TreeMap<>();
    private long bytes;

    SafeTree(Path root, String archive) {
        this.root = root;
        this.archive = archive;
    }

    long bytes() {
        return bytes;
    }

    SortedMap<String, Integer> droppedSpecialBits() {
        return droppedSpecialBits;
    }

    @Override
    public void visit(ArchiveEntry entry, InputStream content) throws IOException {
        if (entry.path().isRoot()) {
            // The archive's "./": the root exists already; its mode means nothing to the store.
            return;
        }
        makeParents(entry);
        switch (entry) {
            case ArchiveEntry.Directory directory -> directory(directory);
            case ArchiveEntry.RegularFile file -> file(file, content);
            case ArchiveEntry.Symlink symlink -> symlink(symlink);
            case ArchiveEntry.HardLink link -> hardLink(link);
        }
    }

    /** Creates missing parents; refuses a parent that is a symlink or a file made earlier. */
    private void makeParents(ArchiveEntry entry) throws IOException {
        for (EntryPath ancestor : entry.path().ancestors()) {
            Kind kind = made.get(ancestor.toString());
            if (kind == null) {
                Files.createDirectory(ancestor.resolveIn(root));
                made.put(ancestor.toString(), Kind.DIRECTORY);
            } else if (kind == Kind.SYMLINK) {
                throw EntryPath.refused(archive, entry.name(), "goes through '" + ancestor
                        + "', a symlink extracted earlier from the archive; cairn never follows a symlink while extracting");
            } else if (kind == Kind.FILE) {
                throw EntryPath.refused(archive, entry.name(), "goes through '" + ancestor
                        + "', a file extracted earlier from the archive");
            }
        }
    }

    private void directory(ArchiveEntry.Directory directory) throws IOException {
        if (made.get(directory.path().toString()) != Kind.DIRECTORY) {
            clear(directory, true);
            Files.createDirectory(directory.path().resolveIn(root));
            made.put(directory.path().toString(), Kind.DIRECTORY);
        }
        noteSpecialBits(directory.path(), directory.mode());
    }

    private void file(ArchiveEntry.RegularFile file, InputStream content) throws IOException {
        clear(file, false);
        Path target = file.path().resolveIn(root);
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            bytes += content.transferTo(out);
        }
        made.put(file.path().toString(), Kind.FILE);
        // Owner read and write are added so that this tree can be read, replaced and deleted;
        // the store keeps only "executable or not" anyway.
        Files.setPosixFilePermissions(target, permissions(file.mode() & 0777 | 0600));
        noteSpecialBits(file.path(), file.mode());
    }

    private void symlink(ArchiveEntry.Symlink symlink) throws IOException {
        clear(symlink, false);
        Files.createSymbolicLink(symlink.path().resolveIn(root), Path.of(symlink.target()));
        made.put(symlink.path().toString(), Kind.SYMLINK);
    }

    private void hardLink(ArchiveEntry.HardLink link) throws IOException {
        if (made.get(link.target().toString()) != Kind.FILE) {
            throw EntryPath.refused(archive, link.name(), "is a hard link to '" + link.target()
                    + "', which is not a regular file extracted earlier from the archive");
        }
        if (link.target().equals(link.path())) {
            // tar writes a file it was given twice as a hard link to itself: nothing to do.
            return;
        }
        clear(link, false);
        Files.createLink(link.path().resolveIn(root), link.target().resolveIn(root));
        made.put(link.path().toString(), Kind.FILE);
        noteSpecialBits(link.path(), link.mode());
    }

    /**
     * Makes room for an entry at a path an earlier entry took: the later entry wins, except
     * that a directory does not replace a file or symlink, and nothing replaces a directory
     * that has entries (either would mean a damaged or hostile archive).
     */
    private void clear(ArchiveEntry entry, boolean directory) throws IOException {
        Kind existing = made.get(entry.path().toString());
        if (existing == null) {
            return;
        }
        Path path = entry.path().resolveIn(root);
        if (directory) {
            throw EntryPath.refused(archive, entry.name(), "is a directory in place of the "
                    + (existing == Kind.FILE ? "file" : "symlink") + " extracted earlier at '" + entry.path() + "'");
        }
        if (existing == Kind.DIRECTORY && hasEntries(path)) {
            throw EntryPath.refused(archive, entry.name(), "would replace the directory '" + entry.path()
                    + "', which already has entries");
        }
        Files.delete(path); // a symlink itself, never what it points to
        made.remove(entry.path().toString());
        droppedSpecialBits.remove(entry.path().toString());
    }

    private static boolean hasEntries(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return entries.iterator().hasNext();
        }
    }

    private void noteSpecialBits(EntryPath path, int mode) {
        if ((mode & 07000) != 0) {
            droppedSpecialBits.put(path.toString(), mode & 07777);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }
}
