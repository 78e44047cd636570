package dev.cairn.inputs.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/** A download written to a file and hashed in the same pass, so the bytes checked are the bytes kept. */
public final class DigestedDownload {
    private DigestedDownload() {}

    /**
     * Writes {@code body} to {@code file} (replacing it) and returns its digest. Starts over on
     * each call, as a transport's retry calls it again with a fresh body.
     */
    public static byte[] save(InputStream body, Path file, MessageDigest digest) throws IOException {
        digest.reset();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            body.transferTo(out);
        }
        return digest.digest();
    }
}
