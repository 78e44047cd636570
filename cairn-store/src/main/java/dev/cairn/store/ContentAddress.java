package dev.cairn.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedSet;

/**
 * How an added tree gets its path: Nix's rule for a recursive SHA-256 fixed-output path
 * (the "source" type, which also hashes the references), with {@code /cairn/store} as the
 * store directory. A cairn path is thus the path {@code NIX_STORE_DIR=/cairn/store nix-store
 * --add} would give the same tree.
 */
public final class ContentAddress {
    private static final int PATH_HASH_BYTES = 20;

    private ContentAddress() {}

    public static StorePath sourcePath(NarHash narHash, String name, SortedSet<StorePath> references) {
        StorePath.validateName(name);
        StringBuilder type = new StringBuilder("source");
        for (StorePath reference : references) {
            type.append(':').append(reference);
        }
        String fingerprint = type + ":sha256:" + narHash.hex() + ":" + StorePath.STORE_DIR + ":" + name;
        byte[] digest = sha256(fingerprint.getBytes(StandardCharsets.UTF_8));
        return new StorePath(NixBase32.encode(fold(digest)), name);
    }

    /**
     * The path of a build output named by what it is built from rather than by its bytes
     * (Nix's input-addressed outputs): {@code description} is the build's canonical
     * description, and the same description always names the same path, before the build runs.
     */
    public static StorePath outputPath(String description, String name) {
        StorePath.validateName(name);
        String fingerprint = "output:out:sha256:" + HexFormat.of().formatHex(sha256(description.getBytes(StandardCharsets.UTF_8)))
                + ":" + StorePath.STORE_DIR + ":" + name;
        return new StorePath(NixBase32.encode(fold(sha256(fingerprint.getBytes(StandardCharsets.UTF_8)))), name);
    }

    /** Nix's compressHash: XOR the digest down to 160 bits. */
    private static byte[] fold(byte[] digest) {
        byte[] folded = new byte[PATH_HASH_BYTES];
        for (int i = 0; i < digest.length; i++) {
            folded[i % PATH_HASH_BYTES] ^= digest[i];
        }
        return folded;
    }

    static byte[] sha256(byte[] input) {
        return newSha256().digest(input);
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
