package dev.cairn.inputs.npm;

import dev.cairn.inputs.InputsException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A Subresource Integrity value as {@code package-lock.json} records it,
 * {@code sha512-<base64>}. A lock may list several, space-separated: the strongest is kept,
 * as npm does. SHA-1 (what old locks have) is accepted only when it is all there is, and
 * {@link #weak()} says so, since SHA-1 no longer stops a determined forger.
 */
public record Integrity(String algorithm, byte[] digest) {
    /** Strongest first. */
    private static final List<String> ALGORITHMS = List.of("sha512", "sha384", "sha256", "sha1");

    public Integrity {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unsupported integrity algorithm " + algorithm);
        }
        digest = digest.clone();
    }

    /** Parses an {@code integrity} field; {@code what} names its package in messages. */
    public static Integrity parse(String text, String what) {
        Integrity best = null;
        for (String part : text == null ? new String[0] : text.trim().split("\\s+")) {
            int dash = part.indexOf('-');
            if (dash < 0) {
                continue;
            }
            String algorithm = part.substring(0, dash);
            if (!ALGORITHMS.contains(algorithm)) {
                continue;
            }
            String value = part.substring(dash + 1);
            int options = value.indexOf('?');
            if (options >= 0) {
                value = value.substring(0, options);
            }
            byte[] digest;
            try {
                digest = Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                throw new InputsException(what + ": integrity '" + part + "' is not base64",
                        "run npm install to write package-lock.json again", e);
            }
            Integrity candidate = new Integrity(algorithm, digest);
            if (candidate.digest.length != candidate.newDigest().getDigestLength()) {
                throw new InputsException(what + ": integrity '" + part + "' has " + digest.length + " bytes, not the "
                        + candidate.newDigest().getDigestLength() + " of " + algorithm,
                        "run npm install to write package-lock.json again");
            }
            if (best == null || ALGORITHMS.indexOf(algorithm) < ALGORITHMS.indexOf(best.algorithm)) {
                best = candidate;
            }
        }
        if (best == null) {
            throw new InputsException(what + ": no sha512, sha384, sha256 or sha1 integrity in '" + text + "'",
                    "run npm install so that package-lock.json records an integrity hash for it");
        }
        return best;
    }

    /** Only SHA-1: accepted, but worth a warning. */
    public boolean weak() {
        return algorithm.equals("sha1");
    }

    /** A fresh digest of this algorithm, to hash what was fetched. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(switch (algorithm) {
                case "sha512" -> "SHA-512";
                case "sha384" -> "SHA-384";
                case "sha256" -> "SHA-256";
                default -> "SHA-1";
            });
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }

    /** The value of the same algorithm for {@code digest}, e.g. for a mismatch message. */
    public Integrity of(byte[] actual) {
        return new Integrity(algorithm, actual);
    }

    public boolean matches(byte[] actual) {
        return MessageDigest.isEqual(digest, actual);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Integrity that && algorithm.equals(that.algorithm) && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return algorithm + "-" + Base64.getEncoder().encodeToString(digest);
    }
}
