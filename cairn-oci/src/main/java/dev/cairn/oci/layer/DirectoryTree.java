package dev.cairn.oci.layer;

import dev.cairn.oci.OciException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a file or directory on disk into layer entries placed at a layer path. What the
 * host says about time and owner is dropped; mode is normalised (0755 for directories and
 * executables, 0644 otherwise) unless the caller fixes a file mode.
 */
public final class DirectoryTree {
    /**
     * Entries for {@code source} placed at {@code destination} (a layer path; empty for the
     * root): a directory's contents go under it, a file becomes it.
     *
     * @param fileMode mode for every regular file, or null to derive it from the executable bit
     */
    public static List<LayerEntry> entries(Path source, String destination, Integer fileMode, int uid, int gid)
            throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        new DirectoryTree(fileMode, uid, gid).visit(source, destination, entries);
        return entries;
    }

    private final Integer fileMode;
    private final int uid;
    private final int gid;
    /** Files with several links seen so far, by device and inode, and the layer path of the first. */
    private final Map<String, String> linked = new HashMap<>();

    private DirectoryTree(Integer fileMode, int uid, int gid) {
        this.fileMode = fileMode;
        this.uid = uid;
        this.gid = gid;
    }

    private void visit(Path source, String destination, List<LayerEntry> out) throws IOException {
        // One lstat per file gives the type, mode and everything the cache fingerprint needs.
        Map<String, Object> stat = Files.readAttributes(source, "unix:mode,size,lastModifiedTime,ctime,ino,dev,nlink",
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
                visit(child, destination.isEmpty() ? name : destination + "/" + name, out);
            }
        } else if (destination.isEmpty()) {
            throw new OciException(source + " is not a directory and cannot be the image root",
                    "place a file at a path inside the image");
        } else if (type == S_IFLNK) {
            out.add(LayerEntry.symlink(destination, Files.readSymbolicLink(source).toString(), uid, gid));
        } else if (type == S_IFREG) {
            boolean executable = (mode & 0100) != 0;
            int entryMode = fileMode != null ? fileMode : executable ? 0755 : 0644;
            if ((Integer) stat.get("nlink") > 1) {
                // Hard links inside the tree stay hard links: the first path (in sorted order) has
                // the bytes, the others link to it, as tar does.
                String first = linked.putIfAbsent(stat.get("dev") + ":" + stat.get("ino"), destination);
                if (first != null) {
                    out.add(LayerEntry.hardLink(destination, first, entryMode, uid, gid));
                    return;
                }
            }
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
