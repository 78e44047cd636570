package dev.cairn.inputs.debian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.testing.ClearSigner;
import dev.cairn.inputs.testing.TestKey;
import dev.cairn.inputs.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InReleaseVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final RepositoryUri REPOSITORY = RepositoryUri.parse("http://127.0.0.1:1/debian", "test");
    private static final String RELEASE = """
            Origin: cairn test
            Suite: stable
            Codename: cairn1
            Date: Sun, 22 Nov 2026 02:09:05 UTC
            Valid-Until: Sun, 29 Nov 2026 02:09:05 UTC
            Architectures: amd64 arm64
            Components: main contrib
            SHA256:
             9e0b5aabb2465b3d2e7a7fe27f9913846277833f7a2826e7767acccff5b588c5  8790396 main/binary-amd64/Packages.xz
             515e692f2c4121c6fcec444ef100cc18f79a991910615f3a88c8b7becfc94d2f 50060337 main/binary-amd64/Packages
            """;

    private final Keyring archive = Keyring.parse(TestKeys.ARCHIVE.keyring(), "test-archive.gpg");
    private final InReleaseVerifier verifier = new InReleaseVerifier(new ReleasePolicy(Clock.fixed(NOW, ZoneOffset.UTC), false));

    @Test
    void aGoodSignatureGivesTheReleaseFields() {
        Release release = verify(ClearSigner.clearsign(RELEASE, NOW.minusSeconds(3600), TestKeys.ARCHIVE), archive, "cairn1");

        assertThat(release.codename()).isEqualTo("cairn1");
        assertThat(release.suiteField()).isEqualTo("stable");
        assertThat(release.date()).contains(Instant.parse("2026-11-22T02:09:05Z"));
        assertThat(release.validUntil()).contains(Instant.parse("2026-11-29T02:09:05Z"));
        assertThat(release.architectures()).containsExactly("amd64", "arm64");
        assertThat(release.components()).containsExactly("main", "contrib");
        assertThat(release.file("main/binary-amd64/Packages.xz")).contains(new IndexFile("main/binary-amd64/Packages.xz",
                8790396, new Sha256("9e0b5aabb2465b3d2e7a7fe27f9913846277833f7a2826e7767acccff5b588c5")));
        assertThat(release.sha256()).hasSize(2);
        // Signed by the archive key's signing subkey, as Debian's are.
        assertThat(release.signers()).containsExactly(Keyring.fingerprint(TestKeys.ARCHIVE.signingKey()));
        assertThat(release.repository()).isEqualTo(REPOSITORY);
    }

    @Test
    void theSuiteMayBeAskedForBySuiteNameToo() {
        assertThat(verify(ClearSigner.clearsign(RELEASE, NOW, TestKeys.ARCHIVE), archive, "stable").suite()).isEqualTo("stable");
    }

    @Test
    void aChangedTextIsABadSignature() {
        String signed = ClearSigner.clearsign(RELEASE, NOW, TestKeys.ARCHIVE);
        String tampered = signed.replace("9e0b5aabb2465b3d", "0000000000000000");

        assertThatThrownBy(() -> verify(tampered, archive, "cairn1"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("BAD signature by key " + Keyring.fingerprint(TestKeys.ARCHIVE.signingKey()))
                .hasMessageContaining("cairn test archive");
    }

    @Test
    void aSignatureByAKeyNotInTheKeyringIsRefused() {
        String signed = ClearSigner.clearsign(RELEASE, NOW, TestKeys.STRANGER);

        assertThatThrownBy(() -> verify(signed, archive, "cairn1"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("no valid signature by a key in test-archive.gpg")
                .hasMessageContaining("which the keyring does not hold")
                .satisfies(e -> assertThat(((InputsException) e).hint()).contains("Signed-By"));
    }

    @Test
    void anUnknownSecondSignatureDoesNotMatterWhenOneIsGood() {
        // Debian signs with the keys of two releases while it rotates them.
        String signed = ClearSigner.clearsign(RELEASE, NOW, TestKeys.STRANGER, TestKeys.ARCHIVE);
        assertThat(verify(signed, archive, "cairn1").signers()).hasSize(1);
    }

    @Test
    void anUnsignedFileIsRefused() {
        assertThatThrownBy(() -> verify(RELEASE, archive, "cairn1"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("not a valid clearsigned InRelease");
    }

    @Test
    void anExpiredValidUntilIsRefusedWithItsDateUnlessAllowed() {
        String release = RELEASE.replace("Valid-Until: Sun, 29 Nov 2026 02:09:05 UTC", "Valid-Until: Sun, 15 Nov 2026 02:09:05 UTC");
        String signed = ClearSigner.clearsign(release, NOW, TestKeys.ARCHIVE);

        assertThatThrownBy(() -> verify(signed, archive, "cairn1"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("expired on 2026-11-15T02:09:05Z (Valid-Until)")
                .satisfies(e -> assertThat(((InputsException) e).hint()).contains("allow expired"));

        InReleaseVerifier lenient = new InReleaseVerifier(new ReleasePolicy(Clock.fixed(NOW, ZoneOffset.UTC), true));
        assertThat(lenient.verify(bytes(signed), "old", archive, REPOSITORY, "cairn1").validUntil())
                .contains(Instant.parse("2026-11-15T02:09:05Z"));
    }

    @Test
    void aKeyIsJudgedAtTheTimeItSigned() {
        Keyring retired = Keyring.parse(TestKeys.RETIRED.keyring(), "retired.gpg");
        String withoutValidUntil = RELEASE.replaceAll("Valid-Until: .*\n", "");

        Release old = verify(ClearSigner.clearsign(withoutValidUntil, Instant.parse("2020-06-01T00:00:00Z"), TestKeys.RETIRED),
                retired, "cairn1");
        assertThat(old.signers()).hasSize(1);

        assertThatThrownBy(() -> verify(ClearSigner.clearsign(withoutValidUntil, NOW, TestKeys.RETIRED), retired, "cairn1"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("after the key expired on 2020-12-31T00:00:00Z");
    }

    @Test
    void anotherSuitesReleaseIsRefused() {
        String signed = ClearSigner.clearsign(RELEASE, NOW, TestKeys.ARCHIVE);
        assertThatThrownBy(() -> verify(signed, archive, "cairn2"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("asked for suite 'cairn2'")
                .hasMessageContaining("Codename 'cairn1'");
    }

    @Test
    void signedByFingerprintsNarrowTheKeyring() {
        Keyring both = Keyring.parse(TestKey.keyring(TestKeys.ARCHIVE, TestKeys.STRANGER), "both.gpg");
        String signed = ClearSigner.clearsign(RELEASE, NOW, TestKeys.ARCHIVE);

        assertThat(verify(signed, both.restrictTo(List.of(TestKeys.ARCHIVE.primaryFingerprint())), "cairn1").signers()).hasSize(1);
        // "!" accepts the named key only, not the subkey that signed.
        assertThatThrownBy(() -> verify(signed, both.restrictTo(List.of(TestKeys.ARCHIVE.primaryFingerprint() + "!")), "cairn1"))
                .isInstanceOf(InputsException.class);
        assertThatThrownBy(() -> verify(signed, both.restrictTo(List.of(TestKeys.STRANGER.primaryFingerprint())), "cairn1"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("which the keyring does not hold");
    }

    @Test
    void keyringsMayBeArmoredAndSignedByWinsOverTheDefault(@TempDir Path directory) throws Exception {
        Path armored = directory.resolve("archive.asc");
        Files.writeString(armored, TestKeys.ARCHIVE.armored() + TestKeys.STRANGER.armored());
        Path defaultKeyring = directory.resolve("default.gpg");
        Files.write(defaultKeyring, TestKeys.STRANGER.keyring());

        Keyring fromSignedBy = Keyring.forSource(Optional.of(SignedBy.keyring(armored)), defaultKeyring);
        assertThat(fromSignedBy.primaryFingerprints())
                .containsExactly(TestKeys.ARCHIVE.primaryFingerprint(), TestKeys.STRANGER.primaryFingerprint());
        assertThat(Keyring.forSource(Optional.empty(), defaultKeyring).primaryFingerprints())
                .containsExactly(TestKeys.STRANGER.primaryFingerprint());

        String signed = ClearSigner.clearsign(RELEASE, NOW, TestKeys.ARCHIVE);
        assertThat(verify(signed, fromSignedBy, "cairn1").signers()).hasSize(1);
    }

    @Test
    void aMissingOrUnreadableKeyringSaysWhatToDo(@TempDir Path directory) throws Exception {
        assertThatThrownBy(() -> Keyring.load(directory.resolve("missing.gpg")))
                .isInstanceOf(InputsException.class).hasMessageContaining("missing.gpg does not exist");
        Path garbage = directory.resolve("garbage.gpg");
        Files.writeString(garbage, "not a key\n");
        assertThatThrownBy(() -> Keyring.load(garbage))
                .isInstanceOf(InputsException.class).hasMessageContaining(garbage.toString());
    }

    private Release verify(String inRelease, Keyring keyring, String suite) {
        return verifier.verify(bytes(inRelease), "InRelease", keyring, REPOSITORY, suite);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
