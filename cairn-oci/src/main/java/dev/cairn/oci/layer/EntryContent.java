package dev.cairn.oci.layer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bytes of a regular file in a layer, opened when the layer is written. */
@FunctionalInterface
public interface EntryContent {
    InputStream open() throws IOException;

    static EntryContent of(Path file) {
        return () -> Files.newInputStream(file);
    }

    static EntryContent of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return () -> new ByteArrayInputStream(copy);
    }
}
