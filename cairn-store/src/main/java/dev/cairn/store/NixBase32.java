package dev.cairn.store;

/**
 * Nix's base-32: an alphabet without e, o, t and u, read from the last byte to the first,
 * so that store paths and hashes look the way Nix users know them.
 */
public final class NixBase32 {
    static final String ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";
    private static final byte[] DIGIT = new byte[128];

    static {
        java.util.Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGIT[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private NixBase32() {}

    public static int encodedLength(int bytes) {
        return (bytes * 8 - 1) / 5 + 1;
    }

    public static String encode(byte[] bytes) {
        int length = encodedLength(bytes.length);
        StringBuilder out = new StringBuilder(length);
        for (int n = length - 1; n >= 0; n--) {
            int bit = n * 5;
            int i = bit / 8;
            int j = bit % 8;
            int low = (bytes[i] & 0xff) >>> j;
            int high = i + 1 < bytes.length ? (bytes[i + 1] & 0xff) << (8 - j) : 0;
            out.append(ALPHABET.charAt((low | high) & 0x1f));
        }
        return out.toString();
    }

    /** Decodes {@code text} into {@code byteCount} bytes, or fails naming the bad character. */
    public static byte[] decode(String text, int byteCount) {
        if (text.length() != encodedLength(byteCount)) {
            throw new IllegalArgumentException("expected " + encodedLength(byteCount)
                    + " base-32 characters, found " + text.length());
        }
        byte[] bytes = new byte[byteCount];
        for (int n = 0; n < text.length(); n++) {
            char c = text.charAt(text.length() - n - 1);
            int digit = c < 128 ? DIGIT[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("'" + c + "' is not a Nix base-32 character");
            }
            int bit = n * 5;
            int i = bit / 8;
            int j = bit % 8;
            bytes[i] |= (byte) (digit << j);
            int carry = digit >>> (8 - j);
            if (i + 1 < byteCount) {
                bytes[i + 1] |= (byte) carry;
            } else if (carry != 0) {
                throw new IllegalArgumentException("base-32 text has bits beyond " + byteCount + " bytes");
            }
        }
        return bytes;
    }

    static boolean isDigit(int c) {
        return c >= 0 && c < 128 && DIGIT[c] >= 0;
    }
}
