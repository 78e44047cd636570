package dev.cairn.inputs.debian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptSourcesTest {
    @TempDir
    Path root;

    @Test
    void readsOneLineAndDeb822FilesInAptsOrderSkippingSourcesDisabledEntriesAndOtherFiles() throws IOException {
        write("etc/apt/sources.list", """
                # the main archive
                deb http://127.0.0.1:8080/debian cairn1 main contrib
                deb-src http://127.0.0.1:8080/debian cairn1 main
                   # deb http://127.0.0.1:8080/disabled cairn1 main
                deb [ arch=amd64,arm64 signed-by=/etc/apt/keyrings/local.gpg ] http://127.0.0.1:8081/local/ cairn1 main # trailing
                """);
        write("etc/apt/sources.list.d/b-more.sources", """
                Types: deb deb-src
                # a comment between fields
                URIs: http://127.0.0.1:8082/debian http://127.0.0.1:8083/debian
                Suites: cairn1 cairn1-updates
                Components: main
                Signed-By: /usr/share/keyrings/test-archive.gpg

                Types: deb
                URIs: http://127.0.0.1:8084/debian
                Suites: cairn1
                Components: main
                Enabled: no

                Types: deb-src
                URIs: http://127.0.0.1:8085/debian
                Suites: cairn1
                Components: main
                """);
        write("etc/apt/sources.list.d/a-first.list", "deb [arch=amd64] file:/srv/mirror/ cairn1 main\n");
        write("etc/apt/sources.list.d/c.list.disabled", "deb http://127.0.0.1:9/never cairn1 main\n");
        write("etc/apt/sources.list.d/d.list.save", "deb http://127.0.0.1:9/never cairn1 main\n");

        List<AptSource> sources = AptSources.read(root);

        assertThat(sources).extracting(source -> source.uri().toString()).containsExactly(
                "http://127.0.0.1:8080/debian",
                "http://127.0.0.1:8081/local",
                "file:/srv/mirror",
                "http://127.0.0.1:8082/debian",
                "http://127.0.0.1:8083/debian");
        AptSource main = sources.get(0);
        assertThat(main.suites()).containsExactly("cairn1");
        assertThat(main.components()).containsExactly("main", "contrib");
        assertThat(main.signedBy()).isEmpty();
        assertThat(main.origin()).endsWith("sources.list:2");

        AptSource local = sources.get(1);
        assertThat(local.architectures()).containsExactly("amd64", "arm64");
        assertThat(local.signedBy()).contains(SignedBy.keyring(Path.of("/etc/apt/keyrings/local.gpg")));

        AptSource deb822 = sources.get(3);
        assertThat(deb822.suites()).containsExactly("cairn1", "cairn1-updates");
        assertThat(deb822.components()).containsExactly("main");
        assertThat(deb822.signedBy()).contains(SignedBy.keyring(Path.of("/usr/share/keyrings/test-archive.gpg")));
        assertThat(sources.get(4).signedBy()).isEqualTo(deb822.signedBy());
    }

    @Test
    void inlineSignedByKeyBlockIsKeptAndReadsAsAKeyring() {
        String armored = TestKeys.ARCHIVE.armored();
        // In deb822, the key block's lines are continuation lines and its blank line is " .".
        StringBuilder field = new StringBuilder("Signed-By:\n");
        for (String line : armored.split("\n")) {
            field.append(' ').append(line.isBlank() ? "." : line).append('\n');
        }
        List<AptSource> sources = AptSources.parseSources("""
                Types: deb
                URIs: http://127.0.0.1:8080/debian
                Suites: cairn1
                Components: main
                """ + field, "inline.sources");

        SignedBy signedBy = sources.get(0).signedBy().orElseThrow();
        assertThat(signedBy.inlineKeys()).isPresent();
        Keyring keyring = Keyring.forSource(Optional.of(signedBy), root.resolve("no-default.gpg"));
        assertThat(keyring.primaryFingerprints()).containsExactly(TestKeys.ARCHIVE.primaryFingerprint());
    }

    @Test
    void signedByMayNameFingerprintsAndSeveralFiles() {
        SignedBy signedBy = SignedBy.parse("/usr/share/keyrings/a.gpg, /usr/share/keyrings/b.gpg "
                + "4d64fec119c2029067d6e791f8d2585b8783d481!", "x.sources:1");
        assertThat(signedBy.keyrings()).containsExactly(Path.of("/usr/share/keyrings/a.gpg"), Path.of("/usr/share/keyrings/b.gpg"));
        assertThat(signedBy.fingerprints()).containsExactly("4D64FEC119C2029067D6E791F8D2585B8783D481!");
        assertThatThrownBy(() -> SignedBy.parse("8783D481", "x.sources:5"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("x.sources:5")
                .hasMessageContaining("'8783D481'");
    }

    @Test
    void badEntriesAreNamedByFileAndLine() {
        assertThatThrownBy(() -> AptSources.parseList("\ndeb cdrom:[Debian]/ cairn1 main\n", "/etc/apt/sources.list"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("/etc/apt/sources.list:2")
                .hasMessageContaining("cdrom");
        assertThatThrownBy(() -> AptSources.parseList("deb http://127.0.0.1/debian cairn1\n", "x.list"))
                .hasMessageContaining("x.list:1").hasMessageContaining("names no component");
        assertThatThrownBy(() -> AptSources.parseSources("Types: deb\nURIs: http://127.0.0.1/debian\n", "y.sources"))
                .hasMessageContaining("y.sources:1").hasMessageContaining("Suites");
    }

    @Test
    void noConfigurationIsNoSources() {
        assertThat(AptSources.read(root)).isEmpty();
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
