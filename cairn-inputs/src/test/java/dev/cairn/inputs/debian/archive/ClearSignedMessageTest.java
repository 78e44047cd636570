package dev.cairn.inputs.debian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.testing.ClearSigner;
import dev.cairn.inputs.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClearSignedMessageTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void dashEscapingIsUndoneAndTrailingWhitespaceIsNotSigned() {
        String signed = ClearSigner.clearsign("""
                Field: value\t\s
                -----BEGIN PGP SIGNATURE----- (inside the text)
                - a line that started with a dash
                From the start
                """, NOW, TestKeys.STRANGER);
        assertThat(signed).contains("\n- -----BEGIN PGP SIGNATURE----- (inside the text)\n").contains("\n- - a line");

        ClearSignedMessage message = ClearSignedMessage.parse(bytes(signed), "test");

        assertThat(message.text()).isEqualTo("""
                Field: value
                -----BEGIN PGP SIGNATURE----- (inside the text)
                - a line that started with a dash
                From the start
                """);
        assertThat(new String(message.signedBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "Field: value\r\n-----BEGIN PGP SIGNATURE----- (inside the text)\r\n- a line that started with a dash\r\nFrom the start");
        assertThat(message.signatures()).hasSize(1);
    }

    @Test
    void crlfLineEndingsReadTheSameAsLf() {
        String signed = ClearSigner.clearsign("A: 1\nB: 2\n", NOW, TestKeys.STRANGER);
        ClearSignedMessage lf = ClearSignedMessage.parse(bytes(signed), "lf");
        ClearSignedMessage crlf = ClearSignedMessage.parse(bytes(signed.replace("\n", "\r\n")), "crlf");
        assertThat(crlf.signedBytes()).isEqualTo(lf.signedBytes());
        assertThat(crlf.text()).isEqualTo(lf.text()).isEqualTo("A: 1\nB: 2\n");
    }

    @Test
    void severalSignaturesInOneBlockAreAllRead() {
        String signed = ClearSigner.clearsign("A: 1\n", NOW, TestKeys.STRANGER, TestKeys.ARCHIVE);
        assertThat(ClearSignedMessage.parse(bytes(signed), "x").signatures()).hasSize(2);
    }

    @Test
    void textOutsideTheSignedPartIsRefused() {
        String signed = ClearSigner.clearsign("A: 1\n", NOW, TestKeys.STRANGER);
        assertThatThrownBy(() -> ClearSignedMessage.parse(bytes("Injected: yes\n" + signed), "before"))
                .isInstanceOf(InputsException.class).hasMessageContaining("before:1");
        assertThatThrownBy(() -> ClearSignedMessage.parse(bytes(signed + "\nInjected: yes\n"), "after"))
                .isInstanceOf(InputsException.class).hasMessageContaining("text after the signature");
        assertThatThrownBy(() -> ClearSignedMessage.parse(bytes(signed.replace("\nA: 1\n", "\n-A: 1\n")), "dash"))
                .isInstanceOf(InputsException.class).hasMessageContaining("not dash-escaped");
        assertThatThrownBy(() -> ClearSignedMessage.parse(bytes(signed.replace("Hash: SHA256\n", "Hash: SHA256\nComment: x\n")), "hdr"))
                .isInstanceOf(InputsException.class).hasMessageContaining("hdr:3");
    }

    @Test
    void anUnsignedReleaseIsNotAnInRelease() {
        assertThatThrownBy(() -> ClearSignedMessage.parse(bytes("Origin: Debian\nSuite: stable\n"), "Release"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("Release:1")
                .hasMessageContaining("does not start with -----BEGIN PGP SIGNED MESSAGE-----");
        String signed = ClearSigner.clearsign("A: 1\n", NOW, TestKeys.STRANGER);
        String cut = signed.substring(0, signed.indexOf("-----BEGIN PGP SIGNATURE-----"));
        assertThatThrownBy(() -> ClearSignedMessage.parse(bytes(cut), "cut"))
                .isInstanceOf(InputsException.class).hasMessageContaining("no -----BEGIN PGP SIGNATURE----- line");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
