package dev.cairn.inputs.debian.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class PackageIndexTest {
    private static final Origin BOOKWORM = new Origin("debian", "bookworm");
    private static final Origin SECURITY = new Origin("debian-security", "bookworm-security");
    private static final String SHA = "a".repeat(64);

    private static final String LIBC = """
            Package: libc6
            Source: glibc (2.36-9)
            Version: 2.36-9+deb12u4
            Architecture: amd64
            Multi-Arch: same
            Priority: optional
            Section: libs
            Pre-Depends: libgcc-s1
            Depends: libgcc-s1, libcrypt1 (>= 1:4.4.10-10~)
            Recommends: libidn2-0 (>= 2.0.5~)
            Breaks: hurd (<< 1:0.9.git20220301-2), nscd (<< 2.36)
            Conflicts: libc6-dev (<< 2.36)
            Replaces: libc6-amd64
            Provides: libc6-x32-compat
            Description: GNU C Library: Shared libraries
             Contains the standard libraries that are used by nearly all programs.
            Filename: pool/main/g/glibc/libc6_2.36-9+deb12u4_amd64.deb
            Size: 2757936
            SHA256: %s

            Package: bash
            Version: 5.2.15-2+b2
            Architecture: amd64
            Essential: yes
            Priority: required
            Filename: pool/main/b/bash/bash_5.2.15-2+b2_amd64.deb
            Size: 1491840
            SHA256: %s

            Package: mawk
            Version: 1.3.4.20200120-3.1
            Architecture: amd64
            Provides: awk
            Filename: pool/main/m/mawk/mawk_1.3.4.20200120-3.1_amd64.deb
            Size: 1000
            SHA256: %s
            """.formatted(SHA, SHA, SHA);

    @TempDir
    Path temp;

    @Test
    void recordsAreReadWithTheirRelationsParsed() {
        PackageIndex index = PackageIndex.builder().add(BOOKWORM, LIBC, "Packages").build();

        BinaryPackage libc = index.named("libc6").get(0);
        assertThat(libc.version()).isEqualTo(DebianVersion.parse("2.36-9+deb12u4"));
        assertThat(libc.architecture()).isEqualTo("amd64");
        assertThat(libc.key()).isEqualTo("libc6:amd64");
        assertThat(libc.multiArch()).isEqualTo(MultiArch.SAME);
        assertThat(libc.priority()).contains(Priority.OPTIONAL);
        assertThat(libc.section()).isEqualTo("libs");
        assertThat(libc.essential()).isFalse();
        assertThat(libc.source()).hasToString("glibc 2.36-9");
        assertThat(libc.preDepends()).hasToString("libgcc-s1");
        assertThat(libc.depends()).hasToString("libgcc-s1, libcrypt1 (>= 1:4.4.10-10~)");
        assertThat(libc.breaks().all()).extracting(Relation::name).containsExactly("hurd", "nscd");
        assertThat(libc.conflicts()).hasToString("libc6-dev (<< 2.36)");
        assertThat(libc.replaces()).hasToString("libc6-amd64");
        assertThat(libc.relations(RelationField.RECOMMENDS).isEmpty()).isTrue(); // never resolved, not kept
        assertThat(libc.filename()).isEqualTo("pool/main/g/glibc/libc6_2.36-9+deb12u4_amd64.deb");
        assertThat(libc.size()).isEqualTo(2757936);
        assertThat(libc.sha256()).isEqualTo(SHA);
        assertThat(libc.origin()).isEqualTo(BOOKWORM);

        BinaryPackage bash = index.named("bash").get(0);
        assertThat(bash.essential()).isTrue();
        assertThat(bash.multiArch()).isEqualTo(MultiArch.NO);
        assertThat(bash.source()).hasToString("bash 5.2.15-2+b2"); // no Source field: itself
        assertThat(bash.priority()).contains(Priority.REQUIRED);
    }

    @Test
    void namesAndProvidedNamesAreLookedUp() {
        PackageIndex index = PackageIndex.builder().add(BOOKWORM, LIBC, "Packages").build();

        assertThat(index.size()).isEqualTo(3);
        assertThat(index.providers("awk")).singleElement()
                .satisfies(provision -> assertThat(provision.provider().name()).isEqualTo("mawk"));
        assertThat(index.named("awk")).isEmpty();
        assertThat(index.providers("nothing")).isEmpty();
    }

    @Test
    void everySuiteAndVersionIsKeptNewestFirst() {
        String update = LIBC.replace("2.36-9+deb12u4", "2.36-9+deb12u10");
        PackageIndex index = PackageIndex.builder()
                .add(BOOKWORM, LIBC, "main/Packages")
                .add(SECURITY, update, "security/Packages")
                .add(SECURITY, LIBC, "security/Packages")
                .build();

        assertThat(index.named("libc6")).extracting(binary -> binary.version() + " " + binary.origin())
                .containsExactly(
                        "2.36-9+deb12u10 debian-security/bookworm-security",
                        "2.36-9+deb12u4 debian/bookworm",
                        "2.36-9+deb12u4 debian-security/bookworm-security");
        assertThat(index.providers("awk")).hasSize(3);
    }

    @Test
    void aDamagedRecordIsNamedByFileLineAndPackage() {
        assertThatThrownBy(() -> PackageIndex.builder().add(BOOKWORM, LIBC.replace("Version: 5.2.15-2+b2\n", ""),
                        "lists/Packages"))
                .isInstanceOf(InputsException.class)
                .hasMessage("lists/Packages:21 (package bash): the record has no Version")
                .satisfies(e -> assertThat(((InputsException) e).hint()).contains("fetch it again"));
        assertThatThrownBy(() -> PackageIndex.builder().add(BOOKWORM, LIBC.replace("libgcc-s1, libcrypt1",
                        "libgcc-s1,, libcrypt1"), "lists/Packages"))
                .hasMessageStartingWith("lists/Packages:1 (package libc6): Depends: '': an empty entry");
        assertThatThrownBy(() -> PackageIndex.builder().add(BOOKWORM, LIBC.replace("Multi-Arch: same",
                        "Multi-Arch: sometimes"), "lists/Packages"))
                .hasMessageContaining("'sometimes' is not a Multi-Arch value");
        assertThatThrownBy(() -> PackageIndex.builder().add(BOOKWORM, LIBC.replace(SHA + "\n\nPackage: bash",
                        "abc\n\nPackage: bash"), "lists/Packages"))
                .hasMessageContaining("SHA256 'abc' is not 64 lowercase hex digits");
    }

    @Test
    void packagesFilesAreReadInEveryCompressionAptStores() throws IOException {
        for (String name : List.of("Packages", "Packages.gz", "Packages.xz", "Packages.lz4", "Packages.zst")) {
            Path file = temp.resolve("mirror.example_debian_dists_bookworm_main_binary-amd64_" + name);
            try (OutputStream out = compressing(Files.newOutputStream(file), name)) {
                out.write(LIBC.getBytes(StandardCharsets.UTF_8));
            }

            PackageIndex index = PackageIndex.builder().add(BOOKWORM, file).build();

            assertThat(index.packages()).as(name).extracting(BinaryPackage::name)
                    .containsExactly("libc6", "bash", "mawk");
        }
    }

    @Test
    void anUnreadableFileSaysWhich() throws IOException {
        Path missing = temp.resolve("Packages.xz");
        assertThatThrownBy(() -> PackagesFile.read(missing)).hasMessage(missing + " does not exist");
        Path notXz = Files.writeString(temp.resolve("other_Packages.xz"), LIBC);
        assertThatThrownBy(() -> PackagesFile.read(notXz))
                .isInstanceOf(InputsException.class)
                .hasMessageStartingWith("cannot read the Packages index " + notXz);
    }

    private static OutputStream compressing(OutputStream raw, String name) throws IOException {
        if (name.endsWith(".gz")) {
            return new GzipCompressorOutputStream(raw);
        }
        if (name.endsWith(".xz")) {
            return new XZOutputStream(raw, new LZMA2Options());
        }
        if (name.endsWith(".lz4")) {
            return new FramedLZ4CompressorOutputStream(raw);
        }
        if (name.endsWith(".zst")) {
            return new ZstdOutputStream(raw);
        }
        return raw;
    }
}
