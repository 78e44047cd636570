package dev.cairn.oci.layer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The bytes of a regular file in a layer, opened when the layer is written. */
@FunctionalInterface
public interface EntryContent {
    InputStream open() throws IOException;

    /**
     * A string that changes whenever the bytes may have: what lets a {@link LayerCache} reuse
     * a compressed layer without reading its files. Empty when there is no cheap one.
     */
    default Optional<String> fingerprint() {
        return Optional.empty();
    }

    /**
     * A file on disk with a fingerprint its caller took, such as path, size, modification and
     * change times and inode, as build tools' caches do: any write through the filesystem
     * moves at least the ctime.
     */
    static EntryContent of(Path file, String fingerprint) {
        return new EntryContent() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public Optional<String> fingerprint() {
                return Optional.of(fingerprint);
            }
        };
    }

    /** A file on disk without a fingerprint: always read, never cached. */
    static EntryContent of(Path file) {
        return () -> Files.newInputStream(file);
    }

    static EntryContent of(byte[] bytes) {
        byte[] copy = bytes.clone();
        String digest = dev.cairn.oci.Digest.sha256(copy).toString();
        return new EntryContent() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }

            @Override
            public Optional<String> fingerprint() {
                return Optional.of("bytes:" + digest);
            }
        };
    }
}
