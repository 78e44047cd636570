package dev.cairn.inputs.debian.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * A small Debian repository written into a directory: {@code pool/} with fake .deb files
 * (only their hashes matter here), {@code dists/<codename>/main/binary-amd64/Packages} in
 * three forms, and a Release listing them, clearsigned into InRelease.
 */
final class TestRepository {
    static final String CODENAME = "cairn1";
    static final DateTimeFormatter RELEASE_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    record Deb(String name, String filename, byte[] content) {
        long size() {
            return content.length;
        }

        Sha256 sha256() {
            return Sha256.of(content);
        }
    }

    final Path root;
    final List<Deb> debs = new ArrayList<>();
    String packagesText = "";
    /** Whether the Release says Acquire-By-Hash and the indexes are also under by-hash/SHA256/. */
    boolean acquireByHash;
    String releaseText = "";

    TestRepository(Path root) {
        this.root = root;
    }

    Deb addDeb(String name, String version) {
        byte[] content = ("!<arch>\nfake .deb of " + name + " " + version + "\n").getBytes(StandardCharsets.UTF_8);
        Deb deb = new Deb(name, "pool/main/" + name.charAt(0) + "/" + name + "/" + name + "_" + version + "_amd64.deb",
                content);
        write(deb.filename(), content);
        debs.add(deb);
        return deb;
    }

    /** Writes the indexes and signs the Release; {@code validUntil} may be null. */
    TestRepository publish(Instant date, Instant validUntil, Instant signedAt, TestKey... signers) {
        StringBuilder packages = new StringBuilder();
        for (Deb deb : debs) {
            packages.append("Package: ").append(deb.name()).append('\n')
                    .append("Version: 1.0-1\nArchitecture: amd64\n")
                    .append("Filename: ").append(deb.filename()).append('\n')
                    .append("Size: ").append(deb.size()).append('\n')
                    .append("SHA256: ").append(deb.sha256()).append("\n\n");
        }
        packagesText = packages.toString();
        byte[] plain = packagesText.getBytes(StandardCharsets.UTF_8);
        String directory = "dists/" + CODENAME + "/";
        write(directory + "main/binary-amd64/Packages", plain);
        write(directory + "main/binary-amd64/Packages.gz", gzip(plain));
        write(directory + "main/binary-amd64/Packages.xz", xz(plain));
        if (acquireByHash) {
            for (String form : List.of("Packages", "Packages.gz", "Packages.xz")) {
                byte[] bytes = read(directory + "main/binary-amd64/" + form);
                write(directory + "main/binary-amd64/by-hash/SHA256/" + Sha256.of(bytes), bytes);
            }
        }

        StringBuilder release = new StringBuilder()
                .append("Origin: cairn test\nLabel: cairn test\nSuite: stable\nCodename: ").append(CODENAME).append('\n')
                .append("Date: ").append(RELEASE_DATE.format(date)).append('\n');
        if (validUntil != null) {
            release.append("Valid-Until: ").append(RELEASE_DATE.format(validUntil)).append('\n');
        }
        if (acquireByHash) {
            release.append("Acquire-By-Hash: yes\n");
        }
        release.append("Architectures: amd64\nComponents: main\nDescription: cairn's test repository\nSHA256:\n");
        for (String form : List.of("Packages", "Packages.gz", "Packages.xz")) {
            byte[] bytes = read(directory + "main/binary-amd64/" + form);
            release.append(String.format(" %s %8d %s%n", Sha256.of(bytes), bytes.length, "main/binary-amd64/" + form));
        }
        releaseText = release.toString();
        write(directory + "Release", releaseText.getBytes(StandardCharsets.UTF_8));
        write(directory + "InRelease", ClearSigner.clearsign(releaseText, signedAt, signers).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Path file(String relative) {
        return root.resolve(relative);
    }

    byte[] read(String relative) {
        try {
            return Files.readAllBytes(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String relative, byte[] bytes) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] xz(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options())) {
            xz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
