package dev.cairn.inputs.debian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.inputs.testing.ClearSigner;
import dev.cairn.inputs.testing.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GnuPG's own verifier (gpgv, which apt runs) and cairn agree on cleartext signatures with
 * every framing rule in play: dash-escaped lines, trailing whitespace, a signing subkey. So
 * the messages the other tests sign are the ones gpg would make, and cairn reads them as gpg does.
 */
@Tag("integration")
class GpgvAgreementIntegrationTest {
    private static final Path GPGV = Path.of("/usr/bin/gpgv");
    private static final String TEXT = """
            Origin: cairn test\t
            -----BEGIN PGP SIGNATURE-----
            - dash
            From here  \s
            Description: last line
            """;

    @Test
    void gpgvAndCairnAcceptTheSameSignedTextAndRejectTheSameTampering(@TempDir Path directory) throws Exception {
        assumeTrue(Files.isExecutable(GPGV), "gpgv is not installed");
        Path keyring = directory.resolve("archive.gpg");
        Files.write(keyring, TestKeys.ARCHIVE.keyring());
        Instant now = Instant.now();
        String signed = ClearSigner.clearsign(TEXT, now, TestKeys.ARCHIVE);
        String tampered = signed.replace("From here", "From there");

        assertThat(gpgv(directory, keyring, signed)).isTrue();
        assertThat(gpgv(directory, keyring, tampered)).isFalse();

        InReleaseVerifier verifier = new InReleaseVerifier(new ReleasePolicy(Clock.fixed(now, ZoneOffset.UTC), false));
        Keyring trusted = Keyring.load(keyring);
        ClearSignedMessage message = ClearSignedMessage.parse(signed.getBytes(StandardCharsets.UTF_8), "signed");
        assertThat(verifier.signers(message, "signed", trusted))
                .containsExactly(Keyring.fingerprint(TestKeys.ARCHIVE.signingKey()));
        ClearSignedMessage changed = ClearSignedMessage.parse(tampered.getBytes(StandardCharsets.UTF_8), "tampered");
        assertThatThrownBy(() -> verifier.signers(changed, "tampered", trusted)).hasMessageContaining("BAD signature");
    }

    private static boolean gpgv(Path directory, Path keyring, String message) throws IOException, InterruptedException {
        Path file = Files.writeString(directory.resolve("InRelease"), message);
        Path home = Files.createDirectories(directory.resolve("gnupg"));
        Process process = new ProcessBuilder(GPGV.toString(), "--homedir", home.toString(), "--keyring", keyring.toString(),
                file.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("gpgv.log").toFile())
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0;
    }
}
