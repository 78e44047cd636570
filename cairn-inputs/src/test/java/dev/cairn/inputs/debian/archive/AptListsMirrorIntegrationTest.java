package dev.cairn.inputs.debian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.inputs.debian.index.BinaryPackage;
import dev.cairn.inputs.debian.index.Origin;
import dev.cairn.inputs.debian.index.PackageIndex;
import dev.cairn.inputs.debian.resolve.Request;
import dev.cairn.inputs.debian.resolve.Resolution;
import dev.cairn.inputs.debian.resolve.ResolveOptions;
import dev.cairn.inputs.debian.resolve.Resolver;
import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.inputs.testing.OfflineDebs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cairn reads Debian's real repositories, as the machine's apt last saw them, from a
 * {@code file:} mirror made of apt's lists and cached .debs ({@link AptListsMirror}): Debian's
 * signatures, Debian's Packages indexes, real .debs. No network.
 */
@Tag("integration")
class AptListsMirrorIntegrationTest {
    @TempDir
    static Path temp;

    private static AptListsMirror mirror;
    private static PackageIndex index;
    /** The lists are as old as the last apt-get update; the security suite's Valid-Until is a week. */
    private static final DebianArchive ARCHIVE =
            new DebianArchive(Transport.standard(), ReleasePolicy.strict().allowingExpired());

    @BeforeAll
    static void mirrorTheMachinesAptLists() {
        assumeTrue(Files.isRegularFile(Keyring.DEBIAN_ARCHIVE), "debian-archive-keyring is not installed");
        mirror = AptListsMirror.build(temp.resolve("mirror"));
        assertThat(mirror.repositories()).as("repositories apt has lists for (run apt-get update)").isNotEmpty();
        Keyring keyring = Keyring.load(Keyring.DEBIAN_ARCHIVE);
        PackageIndex.Builder builder = PackageIndex.builder();
        for (NamedSource source : mirror.sources()) {
            for (String suite : source.source().suites()) {
                Release release = ARCHIVE.release(source.source().uri(), suite, keyring);
                for (String component : source.source().components()) {
                    PackagesIndex packages = ARCHIVE.packages(release, component, "amd64");
                    builder.add(new Origin(source.name(), suite), packages.text(), packages.url().toString());
                }
            }
        }
        index = builder.build();
    }

    @Test
    void bookwormVerifiesWithDebiansKeyringAndItsUncompressedPackagesAreRead() {
        Release release = ARCHIVE.release(mirror.uri("debian"), "bookworm", Keyring.load(Keyring.DEBIAN_ARCHIVE));
        PackagesIndex packages = ARCHIVE.packages(release, "main", "amd64");

        assertThat(release.signers()).isNotEmpty();
        assertThat(packages.url().toString()).isEqualTo(mirror.uri("debian") + "/dists/bookworm/main/binary-amd64/Packages");
        assertThat(packages.file()).isEqualTo(release.file("main/binary-amd64/Packages").orElseThrow());
        assertThat(index.named("libc6")).isNotEmpty();
    }

    @Test
    void aDebFromAptsCacheIsFetchedFromTheMirrorThroughDebCache() throws IOException {
        OfflineDebs aptCache = new OfflineDebs(List.of(OfflineDebs.APT_ARCHIVES));
        Optional<BinaryPackage> cached = index.packages().stream()
                .filter(binary -> aptCache.find(binary.name(), binary.version().toString(), binary.architecture(),
                        binary.filename(), binary.size()).isPresent())
                .findFirst();
        assumeTrue(cached.isPresent(), "apt's cache holds no .deb of the current indexes");
        BinaryPackage binary = cached.get();

        Path deb = new DebCache(temp.resolve("cache"), Transport.standard()).fetch(mirror.uri(binary.origin().repository()),
                binary.filename(), binary.size(), Sha256.parse(binary.sha256(), binary.toString()));

        Path original = aptCache.find(binary.name(), binary.version().toString(), binary.architecture(),
                binary.filename(), binary.size()).orElseThrow();
        assertThat(Files.mismatch(deb, original)).as(binary.toString()).isEqualTo(-1);
    }

    // ./run-tests downloads these sets' closures; this is what tests building images from them rely on.
    @Test
    void theTestPackageSetsAreAvailableOffline() {
        for (String set : List.of("openjdk-17-jre-headless", "nodejs")) {
            Resolution resolution = Resolver.resolve(List.of(Request.parse(set)), index,
                    ResolveOptions.forArchitecture("amd64"));

            mirror.requireOffline(resolution.packages());
        }
    }
}
