package dev.cairn.inputs.debian.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's own ca-certificates package is the fixture: the same files cairn will get from a .deb. */
@Tag("integration")
class TrustStoreTest {
    private static final Path MOZILLA = Path.of("/usr/share/ca-certificates/mozilla");

    @TempDir
    Path temp;

    @Test
    void cacertsLoadsInJavaWithEveryCertificateAndNeverChangesItsBytes() throws Exception {
        Path root = rootWithCertificates();

        CaBundle bundle = CaBundle.from(new PackageTrees(java.util.List.of(root)));
        byte[] first = bundle.javaTrustStore();
        byte[] second = CaBundle.from(new PackageTrees(java.util.List.of(root))).javaTrustStore();

        assertThat(bundle.certificates()).hasSizeGreaterThan(100);
        assertThat(second).isEqualTo(first);
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(new ByteArrayInputStream(first), JavaTrustStore.PASSWORD);
        assertThat(jks.size()).isEqualTo(bundle.certificates().size());
        String alias = Collections.list(jks.aliases()).getFirst();
        assertThat(alias).startsWith("debian:").endsWith(".pem");
        assertThat(jks.isCertificateEntry(alias)).isTrue();
        assertThat(jks.getCreationDate(alias).getTime()).isEqualTo(1000);
        assertThat(bundle.pem()).startsWith("-----BEGIN CERTIFICATE-----")
                .contains(Files.readString(root.resolve("usr/share/ca-certificates/mozilla").resolve(
                        bundle.certificates().keySet().iterator().next())).strip());
    }

    @Test
    void deselectedCertificatesAreLeftOut() throws Exception {
        Path root = rootWithCertificates();
        java.util.List<String> lines = Files.readAllLines(root.resolve("etc/ca-certificates.conf"));
        String dropped = lines.stream().filter(l -> l.startsWith("mozilla/")).findFirst().orElseThrow();
        Files.write(root.resolve("etc/ca-certificates.conf"),
                lines.stream().map(l -> l.equals(dropped) ? "!" + l : l).toList());

        CaBundle bundle = CaBundle.from(new PackageTrees(java.util.List.of(root)));

        assertThat(bundle.certificates()).doesNotContainKey(Path.of(dropped).getFileName().toString());
    }

    private Path rootWithCertificates() throws Exception {
        if (!Files.isDirectory(MOZILLA)) {
            throw new IllegalStateException(MOZILLA + " is missing: apt-get install ca-certificates (./run-tests does)");
        }
        Path share = Files.createDirectories(temp.resolve("root/usr/share/ca-certificates/mozilla"));
        StringBuilder conf = new StringBuilder("# selected by the test\n");
        try (var files = Files.list(MOZILLA)) {
            for (Path file : files.sorted().toList()) {
                Files.copy(file, share.resolve(file.getFileName().toString()));
                conf.append("mozilla/").append(file.getFileName()).append('\n');
            }
        }
        Files.createDirectories(temp.resolve("root/etc"));
        Files.writeString(temp.resolve("root/etc/ca-certificates.conf"), conf);
        return temp.resolve("root");
    }
}
