package dev.cairn.inputs.debian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.extract.ArchiveCompression;
import dev.cairn.inputs.testing.DebFixture;
import dev.cairn.inputs.testing.RepositoryServer;
import dev.cairn.inputs.testing.TestDebianRepository;
import dev.cairn.inputs.testing.TestKeys;
import dev.cairn.inputs.testing.TestPackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole chain, InRelease → Packages → .deb, from a repository served over HTTP on 127.0.0.1. */
class DebianArchiveHttpTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String PACKAGES_XZ = "dists/cairn1/main/binary-amd64/Packages.xz";
    private static final String PACKAGES_GZ = "dists/cairn1/main/binary-amd64/Packages.gz";

    @TempDir
    Path tree;
    @TempDir
    Path cacheDirectory;

    private TestDebianRepository repository;
    private RepositoryServer server;
    private TestDebianRepository.Deb hello;
    private final Keyring keyring = Keyring.parse(TestKeys.ARCHIVE.keyring(), "test-archive.gpg");
    private final Transport transport = Transport.of(new HttpTransport(new HttpTransport.Options(
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(300), 3, Duration.ofMillis(10),
            Duration.ofMillis(50))));
    private final DebianArchive archive = new DebianArchive(transport, new ReleasePolicy(Clock.fixed(NOW, ZoneOffset.UTC), false));

    @BeforeEach
    void serve() {
        repository = new TestDebianRepository(tree);
        hello = repository.add(TestPackage.named("hello", "2.10-3").executable("usr/bin/hello", "#!/bin/sh\necho hello\n"));
        repository.add(TestPackage.named("libfoo1", "1.0-1").file("usr/lib/libfoo.so.1", "not really ELF"));
        repository.publish(NOW.minusSeconds(3600), NOW.plusSeconds(7 * 86400), NOW.minusSeconds(3600), TestKeys.ARCHIVE);
        server = new RepositoryServer(tree);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aGoodChainVerifiesAndGivesThePackagesText() {
        Release release = archive.release(server.uri(), "cairn1", keyring);
        PackagesIndex packages = archive.packages(release, "main", "amd64");

        assertThat(packages.text()).isEqualTo(repository.packagesText());
        assertThat(packages.url().toString()).endsWith(PACKAGES_XZ);
        assertThat(packages.file().sha256()).isEqualTo(Sha256.of(repository.read(PACKAGES_XZ)));
        assertThat(server.requests()).containsExactly("/debian/dists/cairn1/InRelease", "/debian/" + PACKAGES_XZ);
    }

    @Test
    void aTamperedInReleaseFails() {
        Path inRelease = repository.file("dists/cairn1/InRelease");
        rewrite(inRelease, repository.releaseText().lines().filter(l -> l.contains("Packages.xz")).findFirst().orElseThrow(),
                " " + "0".repeat(64) + "      123 main/binary-amd64/Packages.xz");

        assertThatThrownBy(() -> archive.release(server.uri(), "cairn1", keyring))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining(server.uri() + "/dists/cairn1/InRelease")
                .hasMessageContaining("BAD signature");
    }

    @Test
    void anInReleaseSignedByAnUntrustedKeyFails() {
        repository.publish(NOW, null, NOW, TestKeys.STRANGER);

        assertThatThrownBy(() -> archive.release(server.uri(), "cairn1", keyring))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("no valid signature by a key in test-archive.gpg");
    }

    @Test
    void anExpiredReleaseFailsWithItsDate() {
        repository.publish(NOW.minusSeconds(30 * 86400), Instant.parse("2026-10-30T06:00:00Z"), NOW.minusSeconds(30 * 86400),
                TestKeys.ARCHIVE);

        assertThatThrownBy(() -> archive.release(server.uri(), "cairn1", keyring))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("expired on 2026-10-30T06:00:00Z (Valid-Until)");
    }

    @Test
    void aTamperedPackagesXzFailsWithBothHashesAndIsNotDecompressed() {
        Release release = archive.release(server.uri(), "cairn1", keyring);
        String expected = Sha256.of(repository.read(PACKAGES_XZ)).hex();
        byte[] evil = DebFixture.compress("Package: hello\nFilename: pool/evil.deb\n".getBytes(StandardCharsets.UTF_8),
                ArchiveCompression.XZ);
        repository.write(PACKAGES_XZ, evil);

        assertThatThrownBy(() -> archive.packages(release, "main", "amd64"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining(server.uri() + "/" + PACKAGES_XZ)
                .hasMessageContaining("expected sha256 " + expected)
                .hasMessageContaining("got sha256 " + Sha256.of(evil))
                .satisfies(e -> assertThat(((InputsException) e).hint()).contains("nothing was used"));
        // A mismatch is final: no falling back to the .gz.
        assertThat(server.requestsFor(PACKAGES_GZ)).isZero();
    }

    @Test
    void aMissingXzFallsBackToGz() throws Exception {
        Release release = archive.release(server.uri(), "cairn1", keyring);
        Files.delete(repository.file(PACKAGES_XZ));

        PackagesIndex packages = archive.packages(release, "main", "amd64");

        assertThat(packages.url().toString()).endsWith(PACKAGES_GZ);
        assertThat(packages.text()).isEqualTo(repository.packagesText());
    }

    @Test
    void withAcquireByHashTheIndexComesFromItsHashNameAndFallsBackToItsPlainName() throws Exception {
        repository.acquireByHash(true);
        repository.publish(NOW, null, NOW, TestKeys.ARCHIVE);
        String byHash = "dists/cairn1/main/binary-amd64/by-hash/SHA256/" + Sha256.of(repository.read(PACKAGES_XZ));
        Release release = archive.release(server.uri(), "cairn1", keyring);
        assertThat(release.acquireByHash()).isTrue();

        assertThat(archive.packages(release, "main", "amd64").url().toString()).endsWith(byHash);

        Files.delete(repository.file(byHash));
        assertThat(archive.packages(release, "main", "amd64").text()).isEqualTo(repository.packagesText());
        assertThat(server.requests()).endsWith("/debian/" + byHash, "/debian/" + PACKAGES_XZ);
    }

    @Test
    void aServerErrorIsRetriedAndAStalledBodyToo() {
        server.fail("dists/cairn1/InRelease", 503, 2);
        server.fail(PACKAGES_XZ, RepositoryServer.STALL, 1);

        Release release = archive.release(server.uri(), "cairn1", keyring);
        PackagesIndex packages = archive.packages(release, "main", "amd64");

        assertThat(packages.text()).isEqualTo(repository.packagesText());
        assertThat(server.requestsFor("dists/cairn1/InRelease")).isEqualTo(3);
        assertThat(server.requestsFor(PACKAGES_XZ)).isEqualTo(2);
    }

    @Test
    void retriesAreBounded() {
        server.fail("dists/cairn1/InRelease", 500, 10);

        assertThatThrownBy(() -> archive.release(server.uri(), "cairn1", keyring))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("failed after 3 attempts: HTTP 500");
        assertThat(server.requestsFor("dists/cairn1/InRelease")).isEqualTo(3);
    }

    @Test
    void aMissingSuiteSaysSo() {
        assertThatThrownBy(() -> archive.release(server.uri(), "cairn9", keyring))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining(server.uri() + "/dists/cairn9/InRelease does not exist");
    }

    @Test
    void aDebIsFetchedIntoTheCacheByItsHashAndASecondFetchReadsNothing() throws Exception {
        DebCache cache = new DebCache(cacheDirectory, transport);

        Path first = cache.fetch(server.uri(), hello.filename(), hello.size(), hello.sha256());
        Path second = cache.fetch(server.uri(), hello.filename(), hello.size(), hello.sha256());

        assertThat(first).isEqualTo(second).isEqualTo(cacheDirectory.resolve(hello.sha256().hex() + ".deb"));
        assertThat(Files.readAllBytes(first)).isEqualTo(hello.content());
        assertThat(server.requestsFor(hello.filename())).isEqualTo(1);
        assertThat(listing(cacheDirectory)).containsExactly(hello.sha256().hex() + ".deb");
    }

    @Test
    void aTamperedDebFailsWithBothHashesAndLeavesNoFile() {
        DebCache cache = new DebCache(cacheDirectory, transport);
        byte[] evil = hello.content().clone();
        evil[evil.length - 2] ^= 1;
        repository.replaceDeb(hello, evil);

        assertThatThrownBy(() -> cache.fetch(server.uri(), hello.filename(), hello.size(), hello.sha256()))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining(server.uri() + "/" + hello.filename())
                .hasMessageContaining("expected sha256 " + hello.sha256())
                .hasMessageContaining("got sha256 " + Sha256.of(evil))
                .hasMessageContaining("nothing was kept");
        assertThat(listing(cacheDirectory)).isEmpty();
    }

    @Test
    void aDebLongerThanPromisedIsCutOffAndLeavesNoFile() {
        DebCache cache = new DebCache(cacheDirectory, transport);
        repository.replaceDeb(hello, new byte[1 << 20]);

        assertThatThrownBy(() -> cache.fetch(server.uri(), hello.filename(), hello.size(), hello.sha256()))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("got more than " + hello.size() + " bytes");
        assertThat(listing(cacheDirectory)).isEmpty();
    }

    @Test
    void theWholeChainWorksFromAFileRepositoryToo() {
        RepositoryUri local = RepositoryUri.parse(tree.toUri().toString(), "test");
        Release release = archive.release(local, "cairn1", keyring);
        assertThat(archive.packages(release, "main", "amd64").text()).isEqualTo(repository.packagesText());
        Path deb = new DebCache(cacheDirectory, transport).fetch(local, hello.filename(), hello.size(), hello.sha256());
        assertThat(deb).hasBinaryContent(hello.content());
    }

    private static void rewrite(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            assertThat(text).contains(from);
            Files.writeString(file, text.replace(from, to));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.List<String> listing(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
