package dev.cairn.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The canonical form of a store file, as Nix makes it: modification time 1, no write bits,
 * no setuid or setgid, read and (when executable) execute for everyone.
 */
final class Canonical {
    static final FileTime MTIME = FileTime.fromMillis(1000);
    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");
    private static final Set<PosixFilePermission> READ_EXECUTE = PosixFilePermissions.fromString("r-xr-xr-x");

    private Canonical() {}

    static void file(Path file, boolean executable) throws IOException {
        Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(MTIME, MTIME, null);
        Files.setPosixFilePermissions(file, executable ? READ_EXECUTE : READ_ONLY);
    }

    static void directory(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, READ_EXECUTE);
        Files.getFileAttributeView(directory, BasicFileAttributeView.class).setTimes(MTIME, MTIME, null);
    }

    /** A symlink's own time; its permissions mean nothing on Linux. */
    static void symlink(Path link) throws IOException {
        Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(MTIME, MTIME, null);
    }
}
