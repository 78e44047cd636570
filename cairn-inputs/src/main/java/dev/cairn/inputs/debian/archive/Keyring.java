package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * The OpenPGP public keys trusted to sign a repository's InRelease: one or more keyring files
 * (binary, as {@code gpg --export} writes and Debian ships, or ASCII-armored), optionally
 * narrowed to some fingerprints, as apt's {@code Signed-By} does.
 *
 * <p>Debian rotates its archive keys: each release adds a key, and retired keys move to
 * {@code debian-archive-removed-keys.gpg}. Being in this keyring is what makes a key trusted,
 * so keep {@code debian-archive-keyring} current rather than trusting more.
 */
public final class Keyring {
    /** Where Debian's {@code debian-archive-keyring} package puts the archive keys. */
    public static final Path DEBIAN_ARCHIVE = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");

    private final List<PGPPublicKeyRing> rings;
    private final List<String> fingerprints;
    private final String source;

    private Keyring(List<PGPPublicKeyRing> rings, List<String> fingerprints, String source) {
        this.rings = List.copyOf(rings);
        this.fingerprints = List.copyOf(fingerprints);
        this.source = source;
    }

    /** Reads a keyring file, binary or ASCII-armored. */
    public static Keyring load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputsException("keyring " + file + " does not exist",
                    file.equals(DEBIAN_ARCHIVE)
                            ? "install Debian's archive keys: apt-get install debian-archive-keyring"
                            : "check the Signed-By path, or install the package that ships the key", e);
        } catch (IOException e) {
            throw new InputsException("cannot read keyring " + file + ": " + e.getMessage(),
                    "check the file's permissions", e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses keyring bytes: binary key packets, or one or more ASCII-armored public key blocks.
     *
     * @param source names the keyring in messages (a path, or "Signed-By in file:line")
     */
    public static Keyring parse(byte[] bytes, String source) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try {
            if (isKeybox(bytes)) {
                throw new InputsException(source + " is a GnuPG keybox, not an OpenPGP keyring",
                        "export it as a keyring: gpg --no-default-keyring --keyring " + source
                                + " --export > keyring.gpg, and use that file");
            }
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (text.contains(SignedBy.KEY_BLOCK)) {
                // An armored file may hold several blocks one after the other; read each.
                int at = text.indexOf(SignedBy.KEY_BLOCK);
                while (at >= 0) {
                    int next = text.indexOf(SignedBy.KEY_BLOCK, at + 1);
                    String block = next < 0 ? text.substring(at) : text.substring(at, next);
                    try (InputStream in = new ArmoredInputStream(
                            new ByteArrayInputStream(block.getBytes(StandardCharsets.ISO_8859_1)))) {
                        addRings(in, rings);
                    }
                    at = next;
                }
            } else {
                addRings(new ByteArrayInputStream(bytes), rings);
            }
        } catch (IOException | PGPException | RuntimeException e) {
            if (e instanceof InputsException inputs) {
                throw inputs;
            }
            throw new InputsException("cannot read keyring " + source + ": " + describe(e),
                    "the keyring must hold OpenPGP public keys (gpg --export, binary or --armor)", e);
        }
        if (rings.isEmpty()) {
            throw new InputsException("keyring " + source + " holds no public key",
                    "point Signed-By (or --keyring) at the file that holds the repository's signing key");
        }
        return new Keyring(rings, List.of(), source);
    }

    /**
     * The keys that must sign a repository: its {@code Signed-By} when apt's configuration has
     * one (files, inline keys, fingerprints selecting from those files or from the default),
     * otherwise the whole default keyring.
     */
    public static Keyring forSource(Optional<SignedBy> signedBy, Path defaultKeyring) {
        if (signedBy.isEmpty()) {
            return load(defaultKeyring);
        }
        SignedBy by = signedBy.get();
        if (by.inlineKeys().isPresent()) {
            return parse(by.inlineKeys().get().getBytes(StandardCharsets.ISO_8859_1), "the inline Signed-By key block");
        }
        List<Path> files = by.keyrings().isEmpty() ? List.of(defaultKeyring) : by.keyrings();
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            rings.addAll(load(file).rings);
            names.add(file.toString());
        }
        Keyring keyring = new Keyring(rings, List.of(), String.join(", ", names));
        return by.fingerprints().isEmpty() ? keyring : keyring.restrictTo(by.fingerprints());
    }

    /**
     * This keyring, trusting only the keys with these fingerprints (uppercase hex) and, unless a
     * fingerprint ends with {@code !}, the subkeys of those primary keys.
     */
    public Keyring restrictTo(List<String> selected) {
        List<String> upper = selected.stream().map(f -> f.toUpperCase(Locale.ROOT)).toList();
        return new Keyring(rings, upper, source + " (only " + String.join(", ", upper) + ")");
    }

    /** Names the keyring in messages. */
    public String source() {
        return source;
    }

    /** The fingerprints of the primary keys held, uppercase hex. */
    public List<String> primaryFingerprints() {
        return rings.stream().map(ring -> fingerprint(ring.getPublicKey())).toList();
    }

    /** The trusted key the signature's issuer names, with its primary key; empty when unknown or not selected. */
    Optional<SigningKey> find(List<KeyIdentifier> issuers) {
        for (KeyIdentifier issuer : issuers) {
            if (issuer.isWildcard()) {
                continue;
            }
            for (PGPPublicKeyRing ring : rings) {
                PGPPublicKey key = ring.getPublicKey(issuer);
                if (key != null && selected(key, ring.getPublicKey())) {
                    return Optional.of(new SigningKey(key, ring.getPublicKey()));
                }
            }
        }
        return Optional.empty();
    }

    private boolean selected(PGPPublicKey key, PGPPublicKey primary) {
        if (fingerprints.isEmpty()) {
            return true;
        }
        String own = fingerprint(key);
        String primaryFingerprint = fingerprint(primary);
        for (String selector : fingerprints) {
            boolean exact = selector.endsWith("!");
            String wanted = exact ? selector.substring(0, selector.length() - 1) : selector;
            if (wanted.equals(own) || !exact && wanted.equals(primaryFingerprint)) {
                return true;
            }
        }
        return false;
    }

    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    /** A key found for a signature: the key itself and the primary key it belongs to (itself when primary). */
    record SigningKey(PGPPublicKey key, PGPPublicKey primary) {}

    private static void addRings(InputStream in, List<PGPPublicKeyRing> rings) throws IOException, PGPException {
        PGPPublicKeyRingCollection collection = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
        collection.getKeyRings().forEachRemaining(rings::add);
    }

    private static boolean isKeybox(byte[] bytes) {
        return bytes.length >= 12 && bytes[8] == 'K' && bytes[9] == 'B' && bytes[10] == 'X' && bytes[11] == 'f';
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
