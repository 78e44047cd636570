package dev.cairn.oci.layer;

import dev.cairn.oci.OciException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a file or directory on disk into layer entries placed at a layer path. What the
 * host says about time and owner is dropped; mode is normalised (0755 for directories and
 * executables, 0644 otherwise) unless the caller fixes a file mode.
 */
public final class DirectoryTree {
    private DirectoryTree() {}

    /**
     * Entries for {@code source} placed at {@code destination} (a layer path; empty for the
     * root): a directory's contents go under it, a file becomes it.
     *
     * @param fileMode mode for every regular file, or null to derive it from the executable bit
     */
    public static List<LayerEntry> entries(Path source, String destination, Integer fileMode, int uid, int gid)
            throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        visit(source, destination, fileMode, uid, gid, entries);
        return entries;
    }

    private static void visit(Path source, String destination, Integer fileMode, int uid, int gid, List<LayerEntry> out)
            throws IOException {
        // One lstat per file gives the type, mode and everything the cache fingerprint needs.
        Map<String, Object> stat = Files.readAttributes(source, "unix:mode,size,lastModifiedTime,ctime,ino,dev",
                LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) stat.get("mode");
        int type = mode & S_IFMT;
        if (type == S_IFDIR) {
            if (!destination.isEmpty()) {
                out.add(LayerEntry.directory(destination, 0755, uid, gid));
            }
            List<Path> children;
            try (Stream<Path> list = Files.list(source)) {
                children = list.sorted().toList();
            }
            for (Path child : children) {
                String name = child.getFileName().toString();
                visit(child, destination.isEmpty() ? name : destination + "/" + name, fileMode, uid, gid, out);
            }
        } else if (destination.isEmpty()) {
            throw new OciException(source + " is not a directory and cannot be the image root",
                    "place a file at a path inside the image");
        } else if (type == S_IFLNK) {
            out.add(LayerEntry.symlink(destination, Files.readSymbolicLink(source).toString(), uid, gid));
        } else if (type == S_IFREG) {
            boolean executable = (mode & 0100) != 0;
            int entryMode = fileMode != null ? fileMode : executable ? 0755 : 0644;
            long size = (Long) stat.get("size");
            String fingerprint = "file:" + source.toAbsolutePath() + ":" + size + ":" + stat.get("lastModifiedTime") + ":"
                    + stat.get("ctime") + ":" + stat.get("dev") + ":" + stat.get("ino");
            out.add(LayerEntry.file(destination, entryMode, uid, gid, size, EntryContent.of(source, fingerprint)));
        } else {
            throw new OciException(source + " is a device, socket or pipe, which an image layer does not take",
                    "remove it from the image's contents");
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
}
