package dev.cairn.inputs.debian.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.extract.ArchiveCompression;
import dev.cairn.inputs.extract.ArchiveEntry;
import dev.cairn.inputs.extract.ExtractionLimits;
import dev.cairn.inputs.extract.TarReader;
import dev.cairn.inputs.testing.DebFixture;
import dev.cairn.inputs.testing.TarFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DebArchiveTest {
    @TempDir
    Path temp;

    static final String CONTROL = DebFixture.control("hello", "2.10-3");

    static TarFixture data() {
        return new TarFixture().directory("./").directory("./usr/").file("./usr/hello", "hello, world\n", 0755);
    }

    @ParameterizedTest
    @EnumSource(ArchiveCompression.class)
    void readsTheControlAndStreamsTheDataWhateverTheCompression(ArchiveCompression compression) throws IOException {
        Path deb = DebFixture.of(CONTROL, data(), compression).write(temp.resolve("hello.deb"));

        try (DebArchive archive = DebArchive.open(deb)) {
            assertThat(archive.control().packageName()).isEqualTo("hello");
            assertThat(archive.control().version()).isEqualTo("2.10-3");
            assertThat(archive.control().architecture()).isEqualTo("amd64");
            assertThat(archive.control().text()).isEqualTo(CONTROL);
            assertThat(archive.control().paragraph().value("Description")).isEqualTo("a test package\nbuilt by DebFixture");
            assertThat(archive.control().md5sums()).get().asString().contains("usr/share/doc/hello/README");
            assertThat(archive.control().conffiles()).isEmpty();
            assertThat(archive.control().controlFiles()).containsExactly("control", "md5sums", "postinst");
            assertThat(archive.control().maintainerScripts()).containsExactly("postinst");
            assertThat(archive.dataMember()).isEqualTo("data.tar" + compression.suffix());
            assertThat(names(archive.data())).containsExactly("./", "./usr/", "./usr/hello");
        }
    }

    @Test
    void membersStartingWithUnderscoreAndMembersAfterDataAreSkipped() throws IOException {
        Path deb = new DebFixture()
                .member("debian-binary", "2.0\n")
                .member("_gpgorigin", "a signature")
                .member("control.tar.gz", DebFixture.compress(DebFixture.controlTar(CONTROL), ArchiveCompression.GZIP))
                .member("_another", "x")
                .member("data.tar", data().bytes())
                .member("future-member", "ignored")
                .write(temp.resolve("signed.deb"));

        try (DebArchive archive = DebArchive.open(deb)) {
            assertThat(names(archive.data())).contains("./usr/hello");
        }
    }

    @Test
    void conffilesAreReadWhenPresent() {
        byte[] controlTar = new TarFixture()
                .file("./control", CONTROL)
                .file("./conffiles", "/etc/hello.conf\n\n/etc/hello/other.conf\n")
                .bytes();
        Path deb = new DebFixture()
                .member("debian-binary", "2.0\n")
                .member("control.tar", controlTar)
                .member("data.tar", data().bytes())
                .write(temp.resolve("conf.deb"));

        DebControl control = DebArchive.readControl(deb);

        assertThat(control.conffilePaths()).containsExactly("/etc/hello.conf", "/etc/hello/other.conf");
        assertThat(control.md5sums()).isEmpty();
    }

    @Test
    void anyFormatTwoPointXIsReadAndOthersAreRefused() {
        Path newer = withFormat("2.1\nsomething new\n");
        assertThat(DebArchive.readControl(newer).packageName()).isEqualTo("hello");

        assertThatThrownBy(() -> DebArchive.readControl(withFormat("3.0\n")))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("has package format '3.0' in debian-binary; cairn reads 2.x");
        assertThatThrownBy(() -> DebArchive.readControl(withFormat("0.939000\n")))
                .hasMessageContaining("'0.939000'");
    }

    @Test
    void membersOutOfOrderOrMissingAreRefused() {
        Path dataFirst = new DebFixture()
                .member("debian-binary", "2.0\n")
                .member("data.tar", data().bytes())
                .member("control.tar", DebFixture.controlTar(CONTROL))
                .write(temp.resolve("swapped.deb"));
        assertThatThrownBy(() -> DebArchive.readControl(dataFirst))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("swapped.deb is not a Debian package: it has the member 'data.tar' where control.tar was expected");

        Path noData = new DebFixture()
                .member("debian-binary", "2.0\n")
                .member("control.tar", DebFixture.controlTar(CONTROL))
                .write(temp.resolve("nodata.deb"));
        assertThatThrownBy(() -> DebArchive.readControl(noData)).hasMessageContaining("it has no data.tar member");

        Path controlFirst = new DebFixture()
                .member("control.tar", DebFixture.controlTar(CONTROL))
                .write(temp.resolve("nobinary.deb"));
        assertThatThrownBy(() -> DebArchive.readControl(controlFirst))
                .hasMessageContaining("its first member is 'control.tar', not debian-binary");
    }

    @Test
    void anUnknownCompressionIsRefusedByName() {
        Path deb = new DebFixture()
                .member("debian-binary", "2.0\n")
                .member("control.tar", DebFixture.controlTar(CONTROL))
                .member("data.tar.lz4", new byte[10])
                .write(temp.resolve("lz4.deb"));

        assertThatThrownBy(() -> DebArchive.readControl(deb))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("its member data.tar.lz4 is compressed as '.lz4', which cairn does not read");
    }

    @Test
    void somethingElseThanADebIsRefused() throws IOException {
        Path text = Files.writeString(temp.resolve("not.deb"), "<html>404 not found</html>\n");

        assertThatThrownBy(() -> DebArchive.readControl(text))
                .isInstanceOf(InputsException.class)
                .hasMessageStartingWith(text + " is not a Debian package or is damaged");
        assertThatThrownBy(() -> DebArchive.readControl(temp.resolve("missing.deb")))
                .hasMessageContaining("missing.deb does not exist");
    }

    @Test
    void aControlFileWithoutPackageOrWithABadOneIsRefused() {
        assertThatThrownBy(() -> DebArchive.readControl(withControl("Version: 1.0\n")))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("its control file has no Package field");
        assertThatThrownBy(() -> DebArchive.readControl(withControl(DebFixture.control("../../etc", "1.0"))))
                .hasMessageContaining("its control file's Package '../../etc' is not valid");
        assertThatThrownBy(() -> DebArchive.readControl(withControl(DebFixture.control("hello", "x:1.0"))))
                .hasMessageContaining("its control file's Version 'x:1.0' is not valid");
        assertThatThrownBy(() -> DebArchive.readControl(withControl(CONTROL + "\nPackage: second\n")))
                .hasMessageContaining("its control file has 2 paragraphs");
    }

    @Test
    void aControlMemberThatExpandsTooMuchIsRefused() {
        byte[] controlTar = new TarFixture().file("./control", CONTROL).zeros("./md5sums", 2 << 20).bytes();
        Path deb = new DebFixture()
                .member("debian-binary", "2.0\n")
                .member("control.tar.gz", DebFixture.compress(controlTar, ArchiveCompression.GZIP))
                .member("data.tar", data().bytes())
                .write(temp.resolve("bomb.deb"));

        assertThatThrownBy(() -> DebArchive.open(deb, ExtractionLimits.DEFAULT.withMaxBytes(1 << 20)).close())
                .isInstanceOf(InputsException.class)
                .hasMessage(deb + " (control.tar.gz): entry './md5sums' takes the archive past the extraction limit of "
                        + "1048576 bytes uncompressed");
    }

    @Test
    void aDamagedDataMemberIsReportedWhenRead() throws IOException {
        byte[] xz = DebFixture.compress(data().bytes(), ArchiveCompression.XZ);
        xz[xz.length / 2] ^= 0x55;
        Path deb = new DebFixture()
                .member("debian-binary", "2.0\n")
                .member("control.tar", DebFixture.controlTar(CONTROL))
                .member("data.tar.xz", xz)
                .write(temp.resolve("damaged.deb"));

        try (DebArchive archive = DebArchive.open(deb)) {
            assertThatThrownBy(() -> TarReader.read(archive.data(), archive.dataArchiveName(), ExtractionLimits.DEFAULT,
                            (entry, content) -> content.readAllBytes()))
                    .isInstanceOf(InputsException.class)
                    .hasMessageStartingWith(deb + " (data.tar.xz) is damaged");
        }
    }

    private Path withFormat(String format) {
        return new DebFixture()
                .member("debian-binary", format)
                .member("control.tar", DebFixture.controlTar(CONTROL))
                .member("data.tar", data().bytes())
                .write(temp.resolve("format.deb"));
    }

    private Path withControl(String control) {
        return new DebFixture()
                .member("debian-binary", "2.0\n")
                .member("control.tar", new TarFixture().file("./control", control).bytes())
                .member("data.tar", data().bytes())
                .write(temp.resolve("control.deb"));
    }

    private static List<String> names(InputStream tar) {
        List<String> names = new ArrayList<>();
        TarReader.read(tar, "data.tar", ExtractionLimits.DEFAULT, (entry, content) -> {
            names.add(entry.name());
            if (entry instanceof ArchiveEntry.RegularFile) {
                assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello, world\n");
            }
        });
        return names;
    }
}
