package dev.cairn.store;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Set;
import java.util.SortedSet;

/** Where a NAR stream goes when only its hash, size and references are wanted. */
final class NarSink extends OutputStream {
    private final MessageDigest sha256 = ContentAddress.newSha256();
    private final ReferenceScanner scanner;
    private long size;

    NarSink(Set<String> candidateHashParts) {
        this.scanner = new ReferenceScanner(candidateHashParts);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        sha256.update(bytes, offset, length);
        scanner.update(bytes, offset, length);
        size += length;
    }

    NarHash hash() {
        return NarHash.of(sha256.digest());
    }

    long size() {
        return size;
    }

    SortedSet<String> referencedHashParts() {
        return scanner.found();
    }
}
