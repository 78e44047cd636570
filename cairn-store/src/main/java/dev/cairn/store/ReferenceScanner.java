package dev.cairn.store;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds references the way Nix does: any run of 32 base-32 characters in the bytes that is
 * the hash part of a candidate object. Fed in chunks; a hash split across chunks is found.
 */
final class ReferenceScanner {
    private static final boolean[] BASE32 = new boolean[256];

    static {
        for (char c : NixBase32.ALPHABET.toCharArray()) {
            BASE32[c] = true;
        }
    }

    private final Set<String> candidates;
    private final SortedSet<String> found = new TreeSet<>();
    private final byte[] window = new byte[StorePath.HASH_LENGTH];
    private final char[] chars = new char[StorePath.HASH_LENGTH];
    private int next;
    private int run;

    ReferenceScanner(Set<String> candidateHashParts) {
        this.candidates = candidateHashParts;
    }

    boolean idle() {
        return candidates.isEmpty() || found.size() == candidates.size();
    }

    void update(byte[] bytes, int offset, int length) {
        if (idle()) {
            return;
        }
        int mask = StorePath.HASH_LENGTH - 1;
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (!BASE32[b & 0xff]) {
                run = 0;
                continue;
            }
            window[next] = b;
            next = (next + 1) & mask;
            if (++run >= StorePath.HASH_LENGTH) {
                check(mask);
            }
        }
    }

    private void check(int mask) {
        for (int k = 0; k < chars.length; k++) {
            chars[k] = (char) window[(next + k) & mask];
        }
        String hashPart = new String(chars);
        if (candidates.contains(hashPart)) {
            found.add(hashPart);
        }
    }

    SortedSet<String> found() {
        return found;
    }
}
