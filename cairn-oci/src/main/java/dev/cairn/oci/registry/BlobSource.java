package dev.cairn.oci.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a blob's bytes come from. It is opened afresh for every attempt, so a retried or
 * restarted upload sends the bytes again from the start; each stream is closed after use.
 */
@FunctionalInterface
public interface BlobSource {
    InputStream open() throws IOException;

    static BlobSource of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return () -> new ByteArrayInputStream(copy);
    }

    static BlobSource of(Path file) {
        return () -> Files.newInputStream(file);
    }
}
