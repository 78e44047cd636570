package dev.cairn.packaging.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Replaces one path by another of the same length throughout a tree: in every file's bytes and
 * every symlink's target, in place. The same length keeps every offset in a binary valid, which
 * is why a build on the host writes to a directory exactly as long as its store path. A mention
 * the build compressed or encoded (a zip entry, UTF-16) is not found, as with Nix's hash rewriting.
 */
final class PathRewrite {
    private static final int CHUNK = 1 << 16;

    private final String fromText;
    private final String toText;
    private final byte[] from;
    private final byte[] to;

    private PathRewrite(String from, String to) {
        this.fromText = from;
        this.toText = to;
        this.from = from.getBytes(StandardCharsets.UTF_8);
        this.to = to.getBytes(StandardCharsets.UTF_8);
        if (this.from.length != this.to.length) {
            throw new IllegalArgumentException("'" + from + "' and '" + to + "' differ in length");
        }
    }

    /** Rewrites {@code from} to {@code to} in {@code tree}; returns how many files and links changed. */
    static int apply(Path tree, String from, String to) throws IOException {
        PathRewrite rewrite = new PathRewrite(from, to);
        int changed = 0;
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path path : walk.toList()) {
                if (Files.isSymbolicLink(path)) {
                    changed += rewrite.link(path) ? 1 : 0;
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    changed += rewrite.file(path) ? 1 : 0;
                }
            }
        }
        return changed;
    }

    private boolean link(Path link) throws IOException {
        String target = Files.readSymbolicLink(link).toString();
        if (!target.contains(fromText)) {
            return false;
        }
        writable(link.getParent(), () -> {
            Files.delete(link);
            Files.createSymbolicLink(link, Path.of(target.replace(fromText, toText)));
        });
        return true;
    }

    private boolean file(Path file) throws IOException {
        List<Long> offsets = offsets(file);
        if (offsets.isEmpty()) {
            return false;
        }
        writable(file, () -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (long offset : offsets) {
                    channel.write(ByteBuffer.wrap(to), offset);
                }
            }
        });
        return true;
    }

    /** Where {@code from} starts in the file, read once in chunks; matches do not overlap. */
    private List<Long> offsets(Path file) throws IOException {
        List<Long> offsets = new ArrayList<>();
        byte[] window = new byte[CHUNK + from.length];
        int kept = 0;
        long windowStart = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                int read = in.readNBytes(window, kept, CHUNK);
                int length = kept + read;
                int next = 0;
                while (next + from.length <= length) {
                    if (matchesAt(window, next)) {
                        offsets.add(windowStart + next);
                        next += from.length;
                    } else {
                        next++;
                    }
                }
                if (read < CHUNK) {
                    return offsets;
                }
                // The unexamined tail may hold the start of a match the next chunk completes.
                kept = length - next;
                System.arraycopy(window, next, window, 0, kept);
                windowStart += next;
            }
        }
    }

    private boolean matchesAt(byte[] window, int start) {
        for (int i = 0; i < from.length; i++) {
            if (window[start + i] != from[i]) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code change} with the owner's write bit set on {@code path}, then restores its mode. */
    private static void writable(Path path, IoAction change) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (mode.contains(PosixFilePermission.OWNER_WRITE)) {
            change.run();
            return;
        }
        Set<PosixFilePermission> writable = new HashSet<>(mode);
        writable.add(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(path, writable);
        try {
            change.run();
        } finally {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
