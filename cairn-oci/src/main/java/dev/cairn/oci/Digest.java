package dev.cairn.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest as the OCI image spec writes it: {@code sha256:<64 lowercase hex>}. */
public record Digest(String algorithm, String encoded) implements Comparable<Digest> {
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");
    private static final Pattern OTHER = Pattern.compile("[a-zA-Z0-9=_-]+");

    public Digest {
        if (!ALGORITHM.matcher(algorithm).matches()) {
            throw invalid(algorithm + ":" + encoded, "bad algorithm '" + algorithm + "'");
        }
        Pattern form = switch (algorithm) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            default -> OTHER;
        };
        if (!form.matcher(encoded).matches()) {
            throw invalid(algorithm + ":" + encoded, "bad " + algorithm + " value");
        }
    }

    @JsonCreator
    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw invalid(text, "no algorithm prefix");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static Digest sha256(byte[] content) {
        return of(newSha256().digest(content));
    }

    /** The digest of a finished SHA-256. */
    public static Digest of(byte[] sha256) {
        return new Digest("sha256", HexFormat.of().formatHex(sha256));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }

    private static OciException invalid(String text, String why) {
        return new OciException("'" + text + "' is not a digest: " + why,
                "write a digest as sha256:<64 lowercase hex digits>");
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + encoded;
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }
}
