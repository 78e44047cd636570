package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Fetches .deb files into a content-addressed directory, {@code <directory>/<sha256>.deb}.
 *
 * <p>A download goes to a temporary file beside its destination, hashed as it is written, and
 * is renamed into place only when its size and SHA-256 are the ones the Packages index
 * promised; otherwise it is deleted, so a file under its hash's name always has that hash,
 * and concurrent fetches of the same file (other threads, other processes) are harmless.
 * A file already there is re-hashed rather than trusted, and fetched again if it does not match.
 */
public final class DebCache {
    private final Path directory;
    private final Transport transport;

    public DebCache(Path directory, Transport transport) {
        this.directory = directory;
        this.transport = transport;
    }

    /** Where the file with this hash lives (whether or not it is there yet). */
    public Path path(Sha256 sha256) {
        return directory.resolve(sha256.hex() + ".deb");
    }

    /**
     * The .deb at {@code <repository>/<filename>}, from the cache when it is there.
     *
     * @param filename the {@code Filename} field of its Packages entry, e.g. {@code pool/main/h/hello/hello_2.10-3_amd64.deb}
     * @param size and {@code sha256}: its {@code Size} and {@code SHA256} fields
     */
    public Path fetch(RepositoryUri repository, String filename, long size, Sha256 sha256) {
        Path target = path(sha256);
        if (cachedMatches(target, size, sha256)) {
            return target;
        }
        URI url = repository.resolve(filename, "the Packages entry for sha256 " + sha256 + " in " + repository);
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "." + sha256.hex() + ".", ".part");
            try {
                BoundedRead.Result got = transport.read(url, body -> download(body, temporary, size, url, sha256))
                        .orElseThrow(() -> new InputsException(url + " does not exist (for sha256 " + sha256 + ")",
                                "the mirror no longer (or not yet) has this version: resolve the packages again, "
                                        + "or fetch from an archive snapshot that has it"));
                if (got.size() != size || !got.sha256().equals(sha256)) {
                    throw mismatch(url, sha256, size, got.sha256() + " (" + got.size() + " bytes)");
                }
                readable(temporary);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new InputsException("cannot write " + target + ": " + e.getMessage(),
                    "check that the cache directory " + directory + " is writable and its disk has room", e);
        }
    }

    private static BoundedRead.Result download(InputStream body, Path temporary, long size, URI url, Sha256 sha256)
            throws IOException {
        // A retry calls this again: start the file over.
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = Channels.newOutputStream(channel)) {
            BoundedRead.Result result;
            try {
                result = BoundedRead.copy(body, out, size, url.toString(), "");
            } catch (InputsException tooLarge) {
                throw mismatch(url, sha256, size, "more than " + size + " bytes (reading stopped there)");
            }
            channel.force(true);
            return result;
        }
    }

    private static InputsException mismatch(URI url, Sha256 expected, long size, String actual) {
        return new InputsException(url + " does not match its Packages entry: expected sha256 " + expected + " ("
                + size + " bytes), got " + (actual.startsWith("more") ? actual : "sha256 " + actual) + "; nothing was kept",
                "the mirror is inconsistent (caught mid-update) or tampered with; try again later or use another mirror");
    }

    private static boolean cachedMatches(Path target, long size, Sha256 sha256) {
        try {
            if (!Files.isRegularFile(target) || Files.size(target) != size) {
                return false;
            }
            try (InputStream in = Files.newInputStream(target)) {
                return BoundedRead.copy(in, OutputStream.nullOutputStream(), size, target.toString(), "")
                        .sha256().equals(sha256);
            }
        } catch (IOException | InputsException e) {
            // Unreadable or changed under us: fetch it again, which replaces it.
            return false;
        }
    }

    /** Temporary files are created owner-only; a cached .deb is for any local reader, like apt's. */
    private static void readable(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** The cached file for this hash, if it is there and matches. */
    public Optional<Path> cached(long size, Sha256 sha256) {
        Path target = path(sha256);
        return cachedMatches(target, size, sha256) ? Optional.of(target) : Optional.empty();
    }
}
