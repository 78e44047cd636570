package dev.cairn.inputs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

/**
 * Makes cleartext-signed messages as {@code gpg --clearsign} does (RFC 4880 §7): the lines,
 * trailing whitespace removed, joined by CRLF and signed as a text document; then the
 * message with dash-escaping and the armored signatures. Written out here, rather than
 * through BouncyCastle's own clear-text helpers, so that a reader sees each rule.
 */
public final class ClearSigner {
    private ClearSigner() {}

    /** @param text lines ending in {@code \n}; written out as given, trailing whitespace included */
    public static String clearsign(String text, Instant signedAt, TestKey... keys) {
        List<String> lines = lines(text);
        byte[] signed = String.join("\r\n", lines.stream().map(ClearSigner::trimTrailing).toList())
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n");
        for (String line : lines) {
            out.append(line.startsWith("-") ? "- " + line : line).append('\n');
        }
        out.append(signatures(signed, signedAt, keys));
        return out.toString();
    }

    private static String signatures(byte[] signed, Instant signedAt, TestKey... keys) {
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(armored)) {
            for (TestKey key : keys) {
                sign(signed, signedAt, key).encode(armor);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return armored.toString(StandardCharsets.US_ASCII);
    }

    private static PGPSignature sign(byte[] signed, Instant signedAt, TestKey key) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(key.signingKey().getAlgorithm(), HashAlgorithmTags.SHA256), key.signingKey());
            generator.init(PGPSignature.CANONICAL_TEXT_DOCUMENT, key.signingPrivate());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(signedAt));
            hashed.setIssuerFingerprint(false, key.signingKey());
            generator.setHashedSubpackets(hashed.generate());
            generator.update(signed);
            return generator.generate();
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static String trimTrailing(String line) {
        return line.replaceFirst("[ \t]+$", "");
    }
}
