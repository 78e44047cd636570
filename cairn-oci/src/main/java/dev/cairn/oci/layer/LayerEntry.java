package dev.cairn.oci.layer;

import dev.cairn.oci.OciException;
import java.util.Objects;

/**
 * One entry of a layer tar. Paths are relative to the image root, '/'-separated, without a
 * leading or trailing slash ({@code usr/bin/hello}). Ownership and mode are explicit;
 * modification time is not: every entry gets the same fixed time.
 */
public record LayerEntry(String path, Type type, int mode, int uid, int gid, long size, EntryContent content,
        String linkTarget) {
    public enum Type { DIRECTORY, FILE, SYMLINK, HARDLINK }

    public LayerEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw new OciException("layer path '" + path + "' is not a relative path without empty parts",
                    "write layer paths like usr/bin/tool");
        }
        for (String part : path.split("/")) {
            if (part.equals(".") || part.equals("..")) {
                throw new OciException("layer path '" + path + "' contains '" + part + "'",
                        "layer paths must stay inside the image root");
            }
        }
        if (mode < 0 || mode > 07777) {
            throw new OciException("mode " + Integer.toOctalString(mode) + " of " + path + " is out of range", "use 0 to 07777");
        }
        if ((type == Type.FILE) != (content != null)) {
            throw new IllegalArgumentException("regular files, and only they, have content: " + path);
        }
        if ((type == Type.SYMLINK || type == Type.HARDLINK) != (linkTarget != null)) {
            throw new IllegalArgumentException("links, and only they, have a target: " + path);
        }
    }

    public static LayerEntry directory(String path, int mode, int uid, int gid) {
        return new LayerEntry(path, Type.DIRECTORY, mode, uid, gid, 0, null, null);
    }

    public static LayerEntry file(String path, int mode, int uid, int gid, long size, EntryContent content) {
        return new LayerEntry(path, Type.FILE, mode, uid, gid, size, content, null);
    }

    public static LayerEntry symlink(String path, String target, int uid, int gid) {
        return new LayerEntry(path, Type.SYMLINK, 0777, uid, gid, 0, null, target);
    }

    /** A hard link to another entry of the same layer, named by its layer path. */
    public static LayerEntry hardLink(String path, String targetPath, int mode, int uid, int gid) {
        return new LayerEntry(path, Type.HARDLINK, mode, uid, gid, 0, null, targetPath);
    }

    /** The parent directory's path, or null at the top. */
    String parent() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }
}
