package dev.cairn.inputs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * An OpenPGP key made for a test: RSA 2048 (Debian's archive keys are RSA 4096, which only
 * takes longer), a primary key that certifies and signs, and optionally a signing subkey,
 * which is how Debian's archive keys sign. {@link TestKeys} holds the ones tests share.
 */
public final class TestKey {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PGPPublicKeyRing publicRing;
    private final PGPPublicKey signingKey;
    private final PGPPrivateKey signingPrivate;

    private TestKey(PGPPublicKeyRing publicRing, PGPPublicKey signingKey, PGPPrivateKey signingPrivate) {
        this.publicRing = publicRing;
        this.signingKey = signingKey;
        this.signingPrivate = signingPrivate;
    }

    /** A key created {@code created}, expiring {@code validFor} later (never when null). */
    public static TestKey generate(String userId, Instant created, Duration validFor, boolean subkeySigns) {
        try {
            PGPKeyPair primary = rsa(created);
            PGPSignatureSubpacketGenerator primaryPackets = new PGPSignatureSubpacketGenerator();
            primaryPackets.setSignatureCreationTime(false, Date.from(created));
            primaryPackets.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | (subkeySigns ? 0 : KeyFlags.SIGN_DATA));
            if (validFor != null) {
                primaryPackets.setKeyExpirationTime(false, validFor.toSeconds());
            }
            PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), primaryPackets.generate(), null,
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256), null);
            PGPKeyPair signing = primary;
            if (subkeySigns) {
                signing = rsa(created);
                PGPSignatureSubpacketGenerator subkeyPackets = new PGPSignatureSubpacketGenerator();
                subkeyPackets.setSignatureCreationTime(false, Date.from(created));
                subkeyPackets.setKeyFlags(false, KeyFlags.SIGN_DATA);
                if (validFor != null) {
                    subkeyPackets.setKeyExpirationTime(false, validFor.toSeconds());
                }
                // With a signer for the subkey, BouncyCastle adds the back-signature gpg requires of signing subkeys.
                generator.addSubKey(signing, subkeyPackets.generate(), null,
                        new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256));
            }
            PGPPublicKeyRing ring = generator.generatePublicKeyRing();
            return new TestKey(ring, ring.getPublicKey(signing.getKeyID()), signing.getPrivateKey());
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PGPKeyPair rsa(Instant created) throws PGPException {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), RANDOM, 2048, 80));
        return new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, generator.generateKeyPair(), Date.from(created));
    }

    /** The key that signs: the subkey when there is one, else the primary key. */
    public PGPPublicKey signingKey() {
        return signingKey;
    }

    PGPPrivateKey signingPrivate() {
        return signingPrivate;
    }

    /** The public keyring as {@code gpg --export} writes it. */
    public byte[] keyring() {
        try {
            return publicRing.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public keyring as {@code gpg --export --armor} writes it. */
    public String armored() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
            publicRing.encode(armor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Writes the public keyring, binary, to {@code file}: what a test points cairn at (a
     * Signed-By path, a workspace's keyring), as it would at Debian's archive keyring.
     */
    public Path writeKeyring(Path file) {
        return write(file, keyring());
    }

    /** Writes the public keyring ASCII-armored, as a {@code .asc} key file is. */
    public Path writeArmored(Path file) {
        return write(file, armored().getBytes(StandardCharsets.US_ASCII));
    }

    /** The primary key's fingerprint, uppercase hex, as apt's Signed-By takes it. */
    public String primaryFingerprint() {
        return HexFormat.of().withUpperCase().formatHex(publicRing.getPublicKey().getFingerprint());
    }

    /** One binary keyring holding all these keys. */
    public static byte[] keyring(TestKey... keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TestKey key : keys) {
            out.writeBytes(key.keyring());
        }
        return out.toByteArray();
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
