package dev.cairn.oci.registry;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.DigestingOutputStream;
import dev.cairn.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Fetches a blob into a file: streamed to a temporary name beside it while its digest and size
 * are taken, then renamed into place only if both match the descriptor. A failed or mismatched
 * download leaves nothing at the destination.
 */
final class BlobDownloader {
    private static final int BUFFER = 64 * 1024;

    private final RegistryHttp http;

    BlobDownloader(RegistryHttp http) {
        this.http = http;
    }

    void download(Repository repository, Descriptor blob, Path destination) {
        Digest expected = blob.digest();
        if (!expected.algorithm().equals("sha256")) {
            throw new OciException("cannot verify blob " + expected + ": cairn checks sha256 digests only",
                    "use images whose blobs are addressed by sha256");
        }
        Path target = destination.toAbsolutePath();
        Path directory = target.getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        String what = "pulling blob " + expected + " from " + repository;
        URI uri = http.endpoint(repository.registry()).blob(repository, expected);
        http.retrier().run(what, () -> {
            Path temporary = temporaryBeside(target);
            try {
                RegistryRequest get = RegistryRequest.of(repository.registry(), "GET", uri, Scope.pull(repository));
                Received received;
                try (RegistryResponse response = http.send(get).expect(what, 200)) {
                    received = copy(response.body(), temporary, blob.size());
                }
                if (received.size() != blob.size() || !received.digest().equals(expected)) {
                    throw new OciException(what + " into " + target + ": expected " + expected + " (" + blob.size()
                            + " bytes) but got " + received.digest() + " (" + received.size() + " bytes"
                            + (received.size() > blob.size() ? " or more" : "") + ")",
                            "the registry or a proxy in between served other content; try again, and tell the registry's operator if it persists");
                }
                move(temporary, target);
                return null;
            } finally {
                deleteQuietly(temporary);
            }
        });
    }

    private record Received(Digest digest, long size) {}

    /** Copies at most one byte more than expected: enough to know it was too much. */
    private static Received copy(InputStream in, Path temporary, long expectedSize) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long limit = expectedSize + 1;
        OutputStream file;
        try {
            file = Files.newOutputStream(temporary);
        } catch (IOException e) {
            throw cannotWrite(temporary, e);
        }
        try (DigestingOutputStream out = new DigestingOutputStream(file)) {
            long total = 0;
            while (total < limit) {
                // Reading may fail with the network, which is retried; writing fails with the disk, which is not.
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
                if (n < 0) {
                    break;
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw cannotWrite(temporary, e);
                }
                total += n;
            }
            return new Received(out.digest(), out.size());
        }
    }

    private static Path temporaryBeside(Path target) {
        try {
            return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    private static void move(Path temporary, Path target) {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // Only a leftover temporary file, named as such; the outcome stands.
        }
    }

    private static OciException cannotWrite(Path path, IOException e) {
        return new OciException("cannot write " + path + ": " + e.getMessage(),
                "check that the directory is writable and the disk has room", e);
    }
}
