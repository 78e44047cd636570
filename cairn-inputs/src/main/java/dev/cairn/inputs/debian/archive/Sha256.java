package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A SHA-256 digest as Debian writes it: 64 lowercase hex digits. */
public record Sha256(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Sha256 {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lowercase hex: " + hex);
        }
    }

    /**
     * Parses a digest read from a file or given by a user.
     *
     * @param source names where the text came from, for the message (e.g. "Packages:1234 (hello)")
     */
    public static Sha256 parse(String text, String source) {
        String lower = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        if (!HEX.matcher(lower).matches()) {
            throw new InputsException(source + ": '" + text + "' is not a SHA-256 (64 hex digits)",
                    "the file is damaged, or the value was copied incompletely");
        }
        return new Sha256(lower);
    }

    public static Sha256 of(byte[] bytes) {
        return new Sha256(HexFormat.of().formatHex(digest().digest(bytes)));
    }

    static Sha256 of(MessageDigest finished) {
        return new Sha256(HexFormat.of().formatHex(finished.digest()));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
