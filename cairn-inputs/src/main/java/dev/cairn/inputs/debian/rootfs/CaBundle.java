package dev.cairn.inputs.debian.rootfs;

import dev.cairn.inputs.InputsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code update-ca-certificates} makes of the ca-certificates package: the certificates
 * {@code /etc/ca-certificates.conf} selects (paths relative to {@code /usr/share/ca-certificates},
 * '!' lines deselected, '#' comments), in that file's order, concatenated into
 * {@code /etc/ssl/certs/ca-certificates.crt}.
 *
 * @param certificates by the file name they came from, in bundle order
 */
public record CaBundle(Map<String, X509Certificate> certificates, String pem) {
    public static final String BUNDLE_PATH = "etc/ssl/certs/ca-certificates.crt";
    public static final String JAVA_CACERTS_PATH = "etc/ssl/certs/java/cacerts";

    /** Reads the selection and the certificates from the packages holding ca-certificates. */
    public static CaBundle from(PackageTrees packages) {
        Path share = packages.find("usr/share/ca-certificates").orElseThrow(() -> new InputsException(
                "there is no /usr/share/ca-certificates to build a CA bundle from", "add the ca-certificates package"));
        java.util.Optional<Path> conf = packages.find("etc/ca-certificates.conf");
        List<String> selected = new ArrayList<>();
        try {
            if (conf.isPresent()) {
                for (String line : Files.readAllLines(conf.get(), StandardCharsets.UTF_8)) {
                    String trimmed = line.strip();
                    if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("!")) {
                        selected.add(trimmed);
                    }
                }
            } else if (Files.isDirectory(share)) {
                // The package writes ca-certificates.conf from its maintainer script; without it,
                // every certificate it ships is selected, which is what that script selects.
                try (var files = Files.walk(share)) {
                    files.filter(f -> f.toString().endsWith(".crt"))
                            .map(f -> share.relativize(f).toString())
                            .sorted()
                            .forEach(selected::add);
                }
            }
            Map<String, X509Certificate> certificates = new LinkedHashMap<>();
            StringBuilder pem = new StringBuilder();
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (String relative : selected) {
                Path file = share.resolve(relative);
                String text = Files.readString(file, StandardCharsets.US_ASCII);
                X509Certificate certificate = (X509Certificate) x509.generateCertificate(
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
                certificates.put(file.getFileName().toString(), certificate);
                pem.append(text.endsWith("\n") ? text : text + "\n");
            }
            return new CaBundle(certificates, pem.toString());
        } catch (IOException | CertificateException e) {
            throw new InputsException("cannot build the CA bundle from " + share + ": " + e.getMessage(),
                    "the ca-certificates package looks damaged; re-resolve with `cairn lock`", e);
        }
    }

    /** Java's cacerts with Debian's aliases ({@code debian:<file>.pem}). */
    public byte[] javaTrustStore() {
        Map<String, X509Certificate> byAlias = new LinkedHashMap<>();
        certificates.forEach((file, certificate) ->
                byAlias.put("debian:" + file.replaceAll("\\.crt$", ".pem"), certificate));
        return JavaTrustStore.jks(byAlias);
    }
}
