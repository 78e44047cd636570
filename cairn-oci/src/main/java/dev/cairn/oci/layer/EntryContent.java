package dev.cairn.oci.layer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
     * A file on disk, fingerprinted by path, size, modification and change times and inode,
     * as build tools' caches do: any write through the filesystem moves at least the ctime.
     */
    static EntryContent of(Path file) {
        return new EntryContent() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public Optional<String> fingerprint() {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    Object ctime = Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
                    return Optional.of("file:" + file.toAbsolutePath() + ":" + attributes.size() + ":"
                            + attributes.lastModifiedTime().toInstant() + ":" + ctime + ":" + attributes.fileKey());
                } catch (IOException | UnsupportedOperationException e) {
                    return Optional.empty();
                }
            }
        };
    }

    /** A file whose bytes never change for the given identity (a store object's file, say). */
    static EntryContent immutable(Path file, String identity) {
        return new EntryContent() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public Optional<String> fingerprint() {
                return Optional.of("immutable:" + identity);
            }
        };
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
