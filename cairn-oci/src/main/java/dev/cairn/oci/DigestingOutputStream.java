package dev.cairn.oci;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Passes bytes through while counting them and taking their SHA-256. */
public final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256 = Digest.newSha256();
    private long size;

    public DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        sha256.update(bytes, offset, length);
        size += length;
    }

    /** The digest of everything written so far; call once, when done. */
    public Digest digest() {
        return Digest.of(sha256.digest());
    }

    public long size() {
        return size;
    }
}
