package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks an InRelease the way apt does, and a little more strictly, then parses its Release.
 *
 * <ul>
 *   <li>At least one signature must be good and made by a trusted key (see {@link Keyring})
 *       that was valid when it signed: not revoked, not expired at the signature's creation
 *       time. Debian signs with several keys as it rotates them, so signatures by keys the
 *       keyring lacks are ignored when another is good; judging expiry at signing time,
 *       not now, keeps old InRelease files (snapshots, old locks) verifiable after a key's
 *       end. A key that ends is removed from the keyring by Debian, which is what withdraws
 *       trust.</li>
 *   <li>A signature by a trusted key that does not match the text fails everything: the file
 *       was changed.</li>
 *   <li>MD5, SHA-1 and RIPEMD-160 signatures do not count.</li>
 *   <li>The Release must be the suite asked for ({@code Suite} or {@code Codename}), so a
 *       mirror cannot pass off another suite's signed file, and its {@code Valid-Until} must
 *       not have passed, so it cannot replay an old one, unless the policy allows expired
 *       Releases.</li>
 * </ul>
 */
public final class InReleaseVerifier {
    private static final Set<Integer> WEAK_HASHES =
            Set.of(HashAlgorithmTags.MD5, HashAlgorithmTags.SHA1, HashAlgorithmTags.RIPEMD160, HashAlgorithmTags.MD2);

    private final ReleasePolicy policy;

    public InReleaseVerifier(ReleasePolicy policy) {
        this.policy = policy;
    }

    /**
     * @param inRelease the InRelease file's bytes, as fetched
     * @param source names the file or URL in messages
     * @param repository and {@code suite}: where it was fetched from, which the Release
     *     remembers for the files it lists
     */
    public Release verify(byte[] inRelease, String source, Keyring keyring, RepositoryUri repository, String suite) {
        ClearSignedMessage message = ClearSignedMessage.parse(inRelease, source);
        List<String> signers = signers(message, source, keyring);
        Release release = Release.parse(message.text(), source, repository, suite, signers, Sha256.of(inRelease));
        checkSuite(release, suite, source);
        checkFresh(release, source);
        return release;
    }

    /** The fingerprints of the keys whose signatures count; fails when none does, or when one is bad. */
    List<String> signers(ClearSignedMessage message, String source, Keyring keyring) {
        List<String> signers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (PGPSignature signature : message.signatures()) {
            Optional<Keyring.SigningKey> found = keyring.find(signature.getKeyIdentifiers());
            if (found.isEmpty()) {
                problems.add("a signature by key " + issuer(signature) + ", which the keyring does not hold");
                continue;
            }
            PGPPublicKey key = found.get().key();
            String fingerprint = Keyring.fingerprint(key);
            Optional<Boolean> matches = matches(signature, key, message.signedBytes());
            if (matches.isEmpty()) {
                problems.add("a signature by key " + fingerprint + describeOwner(found.get())
                        + ", which cairn cannot check (algorithm " + key.getAlgorithm() + ")");
                continue;
            }
            if (!matches.get()) {
                throw new InputsException(source + ": BAD signature by key " + fingerprint + describeOwner(found.get())
                        + ": the text was changed after it was signed",
                        "do not use this mirror's data: fetch again, or use another mirror, and report it if it persists");
            }
            Optional<String> problem = keyProblem(found.get(), signature);
            if (problem.isPresent()) {
                problems.add("a signature by key " + fingerprint + describeOwner(found.get()) + ", which " + problem.get());
                continue;
            }
            signers.add(fingerprint);
        }
        if (signers.isEmpty()) {
            throw new InputsException(source + ": no valid signature by a key in " + keyring.source() + "; found "
                    + String.join("; ", problems),
                    "if this is the repository you meant, give its key (Signed-By in apt's sources, or the keyring "
                            + "option); for Debian, install a current debian-archive-keyring");
        }
        return signers;
    }

    /**
     * Whether the signature matches the text; empty when it cannot be evaluated at all (an
     * algorithm BouncyCastle lacks). That proves nothing either way, as gpgv's ERRSIG, so it
     * is set aside like an unknown key's rather than failing a file another key signed well.
     */
    private static Optional<Boolean> matches(PGPSignature signature, PGPPublicKey key, byte[] signedBytes) {
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
        } catch (PGPException | RuntimeException e) {
            return Optional.empty();
        }
        signature.update(signedBytes);
        try {
            return Optional.of(signature.verify());
        } catch (PGPException | RuntimeException e) {
            // Malformed signature material for a key we can check: as good as a wrong signature.
            return Optional.of(false);
        }
    }

    /** Why a good signature by a trusted key still does not count, if it doesn't. */
    private Optional<String> keyProblem(Keyring.SigningKey found, PGPSignature signature) {
        PGPPublicKey key = found.key();
        PGPPublicKey primary = found.primary();
        Instant signed = signature.getCreationTime().toInstant();
        if (signature.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT
                && signature.getSignatureType() != PGPSignature.BINARY_DOCUMENT) {
            return Optional.of("is not a document signature (type " + signature.getSignatureType() + ")");
        }
        if (WEAK_HASHES.contains(signature.getHashAlgorithm())) {
            return Optional.of("uses a broken hash algorithm (" + hashName(signature.getHashAlgorithm()) + ")");
        }
        if (primary.hasRevocation() || key.hasRevocation()) {
            return Optional.of("is revoked");
        }
        for (PGPPublicKey each : key == primary ? List.of(key) : List.of(key, primary)) {
            Instant created = each.getCreationTime().toInstant();
            if (signed.isBefore(created)) {
                return Optional.of("was made on " + signed + ", before the key existed (" + created + ")");
            }
            long validSeconds = each.getValidSeconds();
            if (validSeconds > 0 && !signed.isBefore(created.plusSeconds(validSeconds))) {
                return Optional.of("was made on " + signed + ", after the key expired on " + created.plusSeconds(validSeconds));
            }
        }
        if (key != primary && !boundForSigning(key, primary)) {
            return Optional.of("is a subkey without a valid binding for signing");
        }
        PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
        long expiresAfter = hashed == null ? 0 : hashed.getSignatureExpirationTime();
        if (expiresAfter > 0 && !policy.allowExpired() && policy.clock().instant().isAfter(signed.plusSeconds(expiresAfter))) {
            return Optional.of("expired on " + signed.plusSeconds(expiresAfter));
        }
        return Optional.empty();
    }

    /** A subkey counts only with a binding signature by its primary key that lets it sign data. */
    private static boolean boundForSigning(PGPPublicKey subkey, PGPPublicKey primary) {
        Iterator<PGPSignature> bindings = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
        while (bindings.hasNext()) {
            PGPSignature binding = bindings.next();
            if (!binding.hasKeyIdentifier(primary.getKeyIdentifier()) && binding.getKeyID() != primary.getKeyID()) {
                continue;
            }
            try {
                binding.init(new BcPGPContentVerifierBuilderProvider(), primary);
                if (!binding.verifyCertification(primary, subkey)) {
                    continue;
                }
            } catch (PGPException | RuntimeException e) {
                continue;
            }
            PGPSignatureSubpacketVector hashed = binding.getHashedSubPackets();
            if (hashed == null || !hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)
                    || (hashed.getKeyFlags() & KeyFlags.SIGN_DATA) != 0) {
                return true;
            }
        }
        return false;
    }

    private static void checkSuite(Release release, String suite, String source) {
        if (!suite.equals(release.suiteField()) && !suite.equals(release.codename())) {
            throw new InputsException(source + ": asked for suite '" + suite + "' but the signed Release is for Suite '"
                    + release.suiteField() + "', Codename '" + release.codename() + "'",
                    "the mirror serves another suite's index under this name (misconfigured or replaying); "
                            + "check the suite in apt's sources, or use another mirror");
        }
    }

    private void checkFresh(Release release, String source) {
        if (release.validUntil().isEmpty() || policy.allowExpired()) {
            return;
        }
        Instant validUntil = release.validUntil().get();
        Instant now = policy.clock().instant();
        if (now.isAfter(validUntil)) {
            throw new InputsException(source + ": the Release expired on " + validUntil + " (Valid-Until), it is now "
                    + now + "; a mirror serving it is stale or replaying an old index",
                    "try again later or use another mirror; to reproduce an old lock from an archive snapshot, "
                            + "allow expired Releases");
        }
    }

    private static String issuer(PGPSignature signature) {
        List<KeyIdentifier> ids = signature.getKeyIdentifiers();
        return ids.isEmpty() ? "(unnamed)" : ids.get(0).toString();
    }

    private static String describeOwner(Keyring.SigningKey found) {
        Iterator<String> ids = found.primary().getUserIDs();
        return ids.hasNext() ? " (" + ids.next() + ")" : "";
    }

    private static String hashName(int algorithm) {
        return switch (algorithm) {
            case HashAlgorithmTags.MD5 -> "MD5";
            case HashAlgorithmTags.SHA1 -> "SHA-1";
            case HashAlgorithmTags.RIPEMD160 -> "RIPEMD-160";
            default -> "algorithm " + algorithm;
        };
    }
}
