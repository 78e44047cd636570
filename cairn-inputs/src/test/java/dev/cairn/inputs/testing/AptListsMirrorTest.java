package dev.cairn.inputs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.debian.archive.AptSource;
import dev.cairn.inputs.debian.archive.DebCache;
import dev.cairn.inputs.debian.archive.DebianArchive;
import dev.cairn.inputs.debian.archive.Keyring;
import dev.cairn.inputs.debian.archive.NamedSource;
import dev.cairn.inputs.debian.archive.PackagesIndex;
import dev.cairn.inputs.debian.archive.Release;
import dev.cairn.inputs.debian.archive.ReleasePolicy;
import dev.cairn.inputs.debian.archive.RepositoryUri;
import dev.cairn.inputs.debian.archive.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror made from apt's lists, on lists made here the way apt stores them (a repository
 * published by {@link TestDebianRepository}, its InRelease copied, its Packages as LZ4), so
 * that what the mirror does is checked without depending on the machine's lists.
 */
class AptListsMirrorTest {
    private static final RepositoryUri ORIGINAL = RepositoryUri.parse("http://mirror.invalid/debian", "test");

    @TempDir
    Path temp;

    private TestDebianRepository repository;
    private TestDebianRepository.Deb hello;
    private TestDebianRepository.Deb absent;
    private AptListsMirror mirror;
    private final Transport transport = Transport.standard();

    @BeforeEach
    void mirrorAptsLists() throws IOException {
        repository = new TestDebianRepository(temp.resolve("original"));
        hello = repository.add(TestPackage.named("hello", "1:2.10-3").executable("usr/bin/hello", "#!/bin/sh\n"));
        absent = repository.add(TestPackage.named("absent", "1.0-1").file("usr/share/absent", "absent\n"));
        repository.acquireByHash(true).publish(TestKeys.ARCHIVE);

        Path lists = Files.createDirectory(temp.resolve("lists"));
        Files.copy(repository.file("dists/cairn1/InRelease"), lists.resolve("mirror.invalid_debian_dists_cairn1_InRelease"));
        try (OutputStream out = new FramedLZ4CompressorOutputStream(Files.newOutputStream(
                lists.resolve("mirror.invalid_debian_dists_cairn1_main_binary-amd64_Packages.lz4")))) {
            out.write(repository.read("dists/cairn1/main/binary-amd64/Packages"));
        }
        // Only hello's .deb is on this "machine", under the name apt gives it.
        Path debs = Files.createDirectory(temp.resolve("debs"));
        Files.write(debs.resolve("hello_1%3a2.10-3_amd64.deb"), hello.content());

        AptSource source = new AptSource(ORIGINAL, List.of("cairn1", "cairn1-updates"), List.of("main", "contrib"),
                List.of(), Optional.empty(), "test.sources:1");
        mirror = AptListsMirror.build(temp.resolve("mirror"), NamedSource.fromApt(List.of(source)), lists,
                new OfflineDebs(List.of(debs)), "amd64");
    }

    @Test
    void aptsFileNamesForAListAreItsUriWithoutSchemeAndSlashesAsUnderscores() {
        assertThat(AptListsMirror.listFileName(ORIGINAL, "dists/cairn1/InRelease"))
                .isEqualTo("mirror.invalid_debian_dists_cairn1_InRelease");
        assertThat(AptListsMirror.listFileName(RepositoryUri.parse("file:/srv/my_mirror", "test"), "dists/a~b/InRelease"))
                .isEqualTo("_srv_my%5fmirror_dists_a%7eb_InRelease");
    }

    @Test
    void theMirrorHasTheSuitesAndComponentsAptHasListsFor() {
        AptListsMirror.Repository debian = mirror.repository("debian");

        assertThat(mirror.sources()).extracting(NamedSource::name).containsExactly("debian");
        assertThat(debian.source().source().suites()).containsExactly("cairn1");
        assertThat(debian.source().source().components()).containsExactly("main");
        assertThat(debian.uri()).isEqualTo(RepositoryUri.parse(temp.resolve("mirror/debian").toUri().toString(), "test"));
        assertThat(debian.original()).isEqualTo(ORIGINAL);
    }

    @Test
    void cairnReadsTheMirrorsSignedIndexesAndItsDebs() {
        DebianArchive archive = new DebianArchive(transport, ReleasePolicy.strict());
        Keyring keyring = Keyring.parse(TestKeys.ARCHIVE.keyring(), "archive.gpg");

        Release release = archive.release(mirror.uri("debian"), "cairn1", keyring);
        PackagesIndex packages = archive.packages(release, "main", "amd64");

        // Neither .xz nor .gz nor their by-hash names are there: the uncompressed index it is.
        assertThat(packages.url().toString()).endsWith("/debian/dists/cairn1/main/binary-amd64/Packages");
        assertThat(packages.text()).isEqualTo(repository.packagesText());
        Path deb = new DebCache(temp.resolve("cache"), transport)
                .fetch(mirror.uri("debian"), hello.filename(), hello.size(), hello.sha256());
        assertThat(deb).hasBinaryContent(hello.content());
    }

    @Test
    void debsTheMachineLacksAreNamedWithWhatToDo() {
        assertThat(mirror.missing("debian", List.of(hello.filename(), absent.filename()))).containsExactly(absent.filename());

        assertThatThrownBy(() -> mirror.requireOffline("debian", List.of(hello.filename(), absent.filename())))
                .isInstanceOf(AssertionError.class)
                .hasMessage("the .deb for absent 1.0-1 amd64 (debian " + absent.filename() + ") is not available offline; "
                        + "run ./run-tests (it downloads the test packages with apt-get download)");
        assertThatThrownBy(() -> mirror.requireOffline("debian", List.of(absent.filename(), "pool/main/n/nope/nope_1_all.deb")))
                .hasMessage("the .debs for these 2 packages are not available offline; run ./run-tests (it downloads the test "
                        + "packages with apt-get download):\n"
                        + "  absent 1.0-1 amd64 (debian " + absent.filename() + ")\n"
                        + "  pool/main/n/nope/nope_1_all.deb (debian pool/main/n/nope/nope_1_all.deb)");
    }

    @Test
    void replacingAMirroredDebLeavesTheMachinesCopyAlone() throws IOException {
        mirror.replaceDeb("debian", hello.filename(), new byte[] {1, 2, 3});

        assertThat(temp.resolve("mirror/debian").resolve(hello.filename())).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(temp.resolve("debs/hello_1%3a2.10-3_amd64.deb")).hasBinaryContent(hello.content());
    }
}
