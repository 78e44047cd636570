package dev.cairn.inputs.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.archive.AptSource;
import dev.cairn.inputs.debian.archive.AptSources;
import dev.cairn.inputs.debian.archive.DebCache;
import dev.cairn.inputs.debian.archive.DebianArchive;
import dev.cairn.inputs.debian.archive.Keyring;
import dev.cairn.inputs.debian.archive.NamedSource;
import dev.cairn.inputs.debian.archive.PackagesIndex;
import dev.cairn.inputs.debian.archive.Release;
import dev.cairn.inputs.debian.archive.ReleasePolicy;
import dev.cairn.inputs.debian.archive.Sha256;
import dev.cairn.inputs.debian.archive.SignedBy;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.debian.deb.DebExtractor;
import dev.cairn.inputs.debian.deb.ExtractedDeb;
import dev.cairn.inputs.debian.index.BinaryPackage;
import dev.cairn.inputs.debian.index.Origin;
import dev.cairn.inputs.debian.index.PackageIndex;
import dev.cairn.inputs.debian.resolve.Request;
import dev.cairn.inputs.debian.resolve.Resolution;
import dev.cairn.inputs.debian.resolve.ResolveOptions;
import dev.cairn.inputs.debian.resolve.Resolver;
import dev.cairn.inputs.testing.TestDebianRepository;
import dev.cairn.inputs.testing.TestKeys;
import dev.cairn.inputs.testing.TestPackage;
import dev.cairn.store.Store;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository published by {@link TestDebianRepository} goes through cairn's whole chain as a
 * Debian mirror does — signed InRelease, hashed Packages, resolution, hashed .debs, safe
 * extraction into the store — and each way of tampering with it the fixture offers is caught.
 */
class SignedRepositoryChainTest {
    @TempDir
    Path temp;

    private TestDebianRepository repository;
    private TestDebianRepository.Deb greeter;
    private NamedSource source;
    private Keyring keyring;
    private final Transport transport = Transport.standard();
    private final DebianArchive archive = new DebianArchive(transport, ReleasePolicy.strict());

    @BeforeEach
    void publish() {
        repository = new TestDebianRepository(temp.resolve("repository"));
        repository.add(TestPackage.named("greeter", "1.1-1").executable("usr/bin/greet", "#!/bin/sh\necho hi\n"));
        greeter = repository.add(TestPackage.named("greeter", "1.2-1")
                .preDepends("libgreet1 (>= 1.0)")
                .depends("greet-data (= 1.2-1), default-greeting")
                .field("Priority", "optional")
                .field("Section", "misc")
                .executable("usr/bin/greet", "#!/bin/sh\necho hello\n")
                .symlink("usr/bin/hello", "greet")
                .file("usr/share/doc/greeter/copyright", "public domain\n")
                .postinst("#!/bin/sh\nset -e\necho configured\n"));
        repository.add(TestPackage.named("libgreet1", "1.2-1")
                .field("Multi-Arch", "same")
                .file("usr/lib/x86_64-linux-gnu/libgreet.so.1.2.0", "not really ELF\n")
                .symlink("usr/lib/x86_64-linux-gnu/libgreet.so.1", "libgreet.so.1.2.0"));
        repository.add(TestPackage.named("greet-data", "1.2-1").architecture("all")
                .file("usr/share/greet/words", "hello\nhi\n"));
        repository.add(TestPackage.named("plain-greeting", "2:0.5-1").architecture("all")
                .provides("default-greeting")
                .directory("etc/greeting.d"));
        repository.add(TestPackage.escaping("evil", "1.0-1", "../etc/x"));
        repository.publish(TestKeys.ARCHIVE);
        Path keyringFile = TestKeys.ARCHIVE.writeKeyring(temp.resolve("keys/archive.gpg"));
        source = repository.source("test", keyringFile);
        keyring = Keyring.forSource(source.source().signedBy(), Keyring.DEBIAN_ARCHIVE);
    }

    @Test
    void aPublishedRepositoryIsResolvedFetchedAndExtractedIntoTheStore() {
        Release release = archive.release(source.source().uri(), repository.suite(), keyring);
        PackagesIndex packages = archive.packages(release, "main", "amd64");
        PackageIndex index = PackageIndex.builder()
                .add(new Origin(source.name(), repository.suite()), packages.text(), packages.url().toString())
                .build();

        Resolution resolution = Resolver.resolve(List.of(Request.parse("greeter")), index,
                ResolveOptions.forArchitecture("amd64"));

        assertThat(resolution.packages()).extracting(p -> p.name() + " " + p.version())
                .containsExactly("greet-data 1.2-1", "greeter 1.2-1", "libgreet1 1.2-1", "plain-greeting 2:0.5-1");
        assertThat(resolution.explain("plain-greeting")).isEqualTo("greeter → default-greeting (provided by plain-greeting)");
        BinaryPackage chosen = resolution.find("greeter").orElseThrow().binary();
        assertThat(chosen.filename()).isEqualTo(greeter.filename()).isEqualTo("pool/main/g/greeter/greeter_1.2-1_amd64.deb");
        assertThat(chosen.priority()).isPresent();
        assertThat(resolution.find("plain-greeting").orElseThrow().binary().filename())
                .isEqualTo("pool/main/p/plain-greeting/plain-greeting_0.5-1_all.deb");

        Store store = Store.open(temp.resolve("store"));
        DebCache cache = new DebCache(temp.resolve("debs"), transport);
        DebExtractor extractor = new DebExtractor(store, temp.resolve("scratch"));
        List<ExtractedDeb> extracted = resolution.packages().stream()
                .map(binary -> cache.fetch(repository.uri(), binary.filename(), binary.size(),
                        Sha256.parse(binary.sha256(), binary.toString())))
                .map(extractor::extract)
                .toList();

        ExtractedDeb greeterDeb = extracted.get(1);
        assertThat(greeterDeb.control().packageName()).isEqualTo("greeter");
        assertThat(greeterDeb.control().maintainerScripts()).containsExactly("postinst");
        assertThat(greeterDeb.control().md5sums()).hasValueSatisfying(md5sums -> assertThat(md5sums)
                .contains("  usr/bin/greet\n", "  usr/share/doc/greeter/copyright\n"));
        Path files = store.physicalPath(greeterDeb.files().path());
        assertThat(files.resolve("usr/bin/greet")).hasContent("#!/bin/sh\necho hello\n");
        assertThat(permissions(files.resolve("usr/bin/greet"))).isEqualTo("r-xr-xr-x");
        assertThat(Files.isSymbolicLink(files.resolve("usr/bin/hello"))).isTrue();
        Path library = store.physicalPath(extracted.get(2).files().path());
        assertThat(library.resolve("usr/lib/x86_64-linux-gnu/libgreet.so.1")).hasContent("not really ELF");
        assertThat(store.physicalPath(extracted.get(3).files().path()).resolve("etc/greeting.d")).isDirectory();
    }

    @Test
    void aDebReplacedInThePoolIsRefused() {
        byte[] other = TestPackage.named("greeter", "1.2-1").executable("usr/bin/greet", "#!/bin/sh\nrm -rf ~\n").deb();
        repository.replaceDeb(greeter, other);
        DebCache cache = new DebCache(temp.resolve("debs"), transport);

        assertThatThrownBy(() -> cache.fetch(repository.uri(), greeter.filename(), greeter.size(), greeter.sha256()))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("does not match its Packages entry: expected sha256 " + greeter.sha256());
        assertThat(temp.resolve("debs")).isEmptyDirectory();
    }

    @Test
    void packagesRewrittenAfterSigningAreRefused() {
        repository.rewritePackages(text -> text.replace("Pre-Depends: libgreet1 (>= 1.0)\n", ""));
        Release release = archive.release(repository.uri(), repository.suite(), keyring);

        assertThatThrownBy(() -> archive.packages(release, "main", "amd64"))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("Packages.xz does not match");
    }

    @Test
    void aReleaseEditedAfterSigningIsRefused() {
        repository.rewriteSignedRelease(text -> text.replace("Components: main", "Components: main contrib"));

        assertThatThrownBy(() -> archive.release(repository.uri(), repository.suite(), keyring))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("BAD signature");
    }

    @Test
    void aReleaseSignedAgainByAStrangerIsRefused() {
        repository.resign(TestKeys.STRANGER);

        assertThatThrownBy(() -> archive.release(repository.uri(), repository.suite(), keyring))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("no valid signature by a key in " + keyring.source());
    }

    @Test
    void aPackageWhoseDataClimbsOutIsRefusedAtExtraction() {
        TestDebianRepository.Deb evil = repository.debs().stream().filter(deb -> deb.name().equals("evil")).findFirst()
                .orElseThrow();
        Path deb = new DebCache(temp.resolve("debs"), transport)
                .fetch(repository.uri(), evil.filename(), evil.size(), evil.sha256());
        Store store = Store.open(temp.resolve("store"));

        assertThatThrownBy(() -> new DebExtractor(store, temp.resolve("scratch")).extract(deb))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("entry '../etc/x'");
        assertThat(store.validPaths()).isEmpty();
    }

    @Test
    void itsAptSourcesEntryDescribesTheSameRepository() {
        Path keyringFile = temp.resolve("keys/archive.gpg");

        AptSource entry = AptSources.parseSources(repository.aptSources(keyringFile), "test.sources").get(0);

        assertThat(entry.uri()).isEqualTo(source.source().uri()).isEqualTo(repository.uri());
        assertThat(entry.suites()).isEqualTo(source.source().suites()).containsExactly("cairn1");
        assertThat(entry.components()).isEqualTo(source.source().components()).containsExactly("main");
        assertThat(entry.signedBy()).isEqualTo(source.source().signedBy()).contains(SignedBy.keyring(keyringFile));
    }

    @Test
    void theSameDescriptionGivesTheSameDeb() {
        byte[] first = TestPackage.named("greeter", "1.2-1").depends("libc6").executable("usr/bin/greet", "x").deb();
        byte[] second = TestPackage.named("greeter", "1.2-1").depends("libc6").executable("usr/bin/greet", "x").deb();

        assertThat(Sha256.of(second)).isEqualTo(Sha256.of(first));
    }

    private static String permissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
