package dev.cairn.store.nar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the tokens of Nix's archive format: every string is a little-endian 64-bit length,
 * the bytes, and zero padding to a multiple of eight. The caller walks the tree; this class
 * only knows the grammar.
 */
public final class NarWriter {
    private static final byte[] PADDING = new byte[8];
    private final OutputStream out;
    private final byte[] lengthBuffer = new byte[8];

    public NarWriter(OutputStream out) {
        this.out = out;
    }

    public void start() throws IOException {
        string("nix-archive-1");
    }

    public void directoryStart() throws IOException {
        strings("(", "type", "directory");
    }

    public void entryStart(String name) throws IOException {
        strings("entry", "(", "name", name, "node");
    }

    public void entryEnd() throws IOException {
        string(")");
    }

    public void directoryEnd() throws IOException {
        string(")");
    }

    public void symlink(String target) throws IOException {
        strings("(", "type", "symlink", "target", target, ")");
    }

    /** Opens a regular file's node; follow with exactly {@code size} bytes of contents. */
    public void regularStart(boolean executable, long size) throws IOException {
        strings("(", "type", "regular");
        if (executable) {
            strings("executable", "");
        }
        string("contents");
        length(size);
    }

    public void contents(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    public void regularEnd(long size) throws IOException {
        pad(size);
        string(")");
    }

    private void strings(String... tokens) throws IOException {
        for (String token : tokens) {
            string(token);
        }
    }

    private void string(String token) throws IOException {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        length(bytes.length);
        out.write(bytes);
        pad(bytes.length);
    }

    private void length(long value) throws IOException {
        for (int i = 0; i < 8; i++) {
            lengthBuffer[i] = (byte) (value >>> (8 * i));
        }
        out.write(lengthBuffer);
    }

    private void pad(long length) throws IOException {
        int rest = (int) (length % 8);
        if (rest != 0) {
            out.write(PADDING, 0, 8 - rest);
        }
    }
}
