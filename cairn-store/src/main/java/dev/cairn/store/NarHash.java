package dev.cairn.store;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** The SHA-256 of an object's NAR serialisation: the object's content identity. */
public final class NarHash {
    public static final int BYTES = 32;
    private final byte[] bytes;

    private NarHash(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static NarHash of(byte[] sha256) {
        if (sha256.length != BYTES) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + sha256.length);
        }
        return new NarHash(sha256);
    }

    /**
     * Reads the forms Nix prints: {@code sha256:<base32>}, {@code sha256:<hex>} and the SRI
     * form {@code sha256-<base64>}.
     */
    public static NarHash parse(String text) {
        try {
            if (text.startsWith("sha256-")) {
                return of(Base64.getDecoder().decode(text.substring(7)));
            }
            if (!text.startsWith("sha256:")) {
                throw new IllegalArgumentException("it does not start with sha256: or sha256-");
            }
            String digits = text.substring(7);
            if (digits.length() == 64) {
                return of(HexFormat.of().parseHex(digits));
            }
            return of(NixBase32.decode(digits, BYTES));
        } catch (IllegalArgumentException e) {
            throw new StoreException("'" + text + "' is not a SHA-256 hash: " + e.getMessage(),
                    "write it as sha256:<52 base-32 characters>, sha256:<64 hex digits> or sha256-<base64>");
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String base32() {
        return NixBase32.encode(bytes);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** {@code sha256:<base32>}, the way {@code nix path-info --json} writes a NAR hash. */
    @Override
    public String toString() {
        return "sha256:" + base32();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NarHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
