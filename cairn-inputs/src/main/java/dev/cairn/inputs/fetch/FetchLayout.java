package dev.cairn.inputs.fetch;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.extract.ArchiveCompression;
import dev.cairn.inputs.lock.LockedFile;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a fetched file becomes a store object: unpacked (a tar archive, its first
 * {@code stripComponents} levels each one directory and removed) or kept as it is, in a
 * directory under its own name; then {@code bin/<name>} links to the files {@code bin} names,
 * which are made executable.
 *
 * @param bin command name → a file of the object, relative to its root, e.g. {@code tool → tool-linux-amd64}
 */
public record FetchLayout(boolean unpack, int stripComponents, SortedMap<String, String> bin) {
    /** The suffixes of the archives cairn unpacks, with their compressions: tar only, as cairn's safe extractor reads it. */
    public static final Map<String, ArchiveCompression> ARCHIVES = archives();
    private static final Pattern COMMAND = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+._-]*");
    static final int MAX_STRIP = 16;

    public FetchLayout {
        bin = Collections.unmodifiableSortedMap(new TreeMap<>(bin));
        if (stripComponents < 0 || stripComponents > MAX_STRIP) {
            throw new InputsException("stripComponents " + stripComponents + " is not between 0 and " + MAX_STRIP,
                    "give the number of leading directories to remove, usually 0 or 1");
        }
        if (stripComponents > 0 && !unpack) {
            throw new InputsException("stripComponents " + stripComponents + " without unpack: a file kept as it is"
                    + " has no directories to strip", "set unpack = true, or remove stripComponents");
        }
        bin.forEach((name, target) -> {
            if (!COMMAND.matcher(name).matches()) {
                throw new InputsException("bin name '" + name + "' is not a command name",
                        "use letters, digits and + . _ -, e.g. tool");
            }
            if (!LockedFile.isSafePath(target)) {
                throw new InputsException("bin[\"" + name + "\"] = '" + target + "' is not a relative path inside the package",
                        "name a file of the fetched tree, e.g. \"tool-linux-amd64\" or \"bin/tool\", without . or ..");
            }
        });
    }

    /** The compression of the archive at {@code path}, which {@code unpack} needs to be a tar archive. */
    public static ArchiveCompression archiveCompression(String path) {
        for (Map.Entry<String, ArchiveCompression> archive : ARCHIVES.entrySet()) {
            if (path.endsWith(archive.getKey())) {
                return archive.getValue();
            }
        }
        throw new InputsException("cannot unpack '" + path + "': cairn unpacks tar archives ("
                + String.join(", ", ARCHIVES.keySet()) + ")" + (path.endsWith(".zip") ? ", not zip files yet" : ""),
                "fetch a tar archive of the release, or set unpack = false to keep the file as it is");
    }

    private static Map<String, ArchiveCompression> archives() {
        Map<String, ArchiveCompression> archives = new java.util.LinkedHashMap<>();
        archives.put(".tar", ArchiveCompression.NONE);
        for (ArchiveCompression compression : List.of(ArchiveCompression.GZIP, ArchiveCompression.XZ,
                ArchiveCompression.ZSTD, ArchiveCompression.BZIP2)) {
            archives.put(".tar" + compression.suffix(), compression);
        }
        archives.put(".tgz", ArchiveCompression.GZIP);
        archives.put(".txz", ArchiveCompression.XZ);
        return Collections.unmodifiableMap(archives);
    }
}
