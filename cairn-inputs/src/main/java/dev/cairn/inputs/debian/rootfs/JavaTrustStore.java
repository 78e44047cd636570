package dev.cairn.inputs.debian.rootfs;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes Java's {@code cacerts} the way ca-certificates-java's maintainer script would, but
 * reproducibly: a JKS keystore (what Debian ships, password {@code changeit}) of trusted
 * certificate entries in alias order, every entry dated the same fixed instant. The JDK's
 * own KeyStore API cannot do this: it stamps entries with the current time, and PKCS#12
 * adds random salts.
 */
public final class JavaTrustStore {
    /** Debian's, and the JDK's, well-known default. */
    public static final char[] PASSWORD = "changeit".toCharArray();
    private static final int MAGIC = 0xFEEDFEED;
    private static final int VERSION = 2;
    private static final int TRUSTED_CERTIFICATE = 2;
    /** 1970-01-01T00:00:01Z, as every date cairn writes. */
    private static final long ENTRY_DATE_MILLIS = 1000;

    private JavaTrustStore() {}

    /** @param certificates by alias; aliases are lower-cased as JKS does, so they must differ after that */
    public static byte[] jks(Map<String, X509Certificate> certificates) {
        SortedMap<String, X509Certificate> sorted = new TreeMap<>();
        certificates.forEach((alias, certificate) -> {
            if (sorted.put(alias.toLowerCase(java.util.Locale.ROOT), certificate) != null) {
                throw new IllegalArgumentException("two certificates share the alias " + alias);
            }
        });
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(sorted.size());
            for (Map.Entry<String, X509Certificate> entry : sorted.entrySet()) {
                byte[] encoded = entry.getValue().getEncoded();
                out.writeInt(TRUSTED_CERTIFICATE);
                out.writeUTF(entry.getKey());
                out.writeLong(ENTRY_DATE_MILLIS);
                out.writeUTF("X.509");
                out.writeInt(encoded.length);
                out.write(encoded);
            }
            out.flush();
            out.write(integrityDigest(bytes.toByteArray()));
            return bytes.toByteArray();
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("writing a keystore to memory cannot fail: " + e.getMessage(), e);
        }
    }

    /** JKS's keyed SHA-1: the password as UTF-16BE, the phrase "Mighty Aphrodite", then the store. */
    private static byte[] integrityDigest(byte[] store) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (char c : PASSWORD) {
                sha1.update((byte) (c >> 8));
                sha1.update((byte) c);
            }
            sha1.update("Mighty Aphrodite".getBytes(StandardCharsets.UTF_8));
            sha1.update(store);
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-1", e);
        }
    }
}
