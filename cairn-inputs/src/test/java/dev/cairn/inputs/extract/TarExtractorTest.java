package dev.cairn.inputs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.testing.TarFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarExtractorTest {
    @TempDir
    Path temp;

    Path destination() {
        return temp.resolve("root");
    }

    ExtractionReport extract(TarFixture tar) {
        return extract(tar, ExtractionLimits.DEFAULT);
    }

    ExtractionReport extract(TarFixture tar, ExtractionLimits limits) {
        return TarExtractor.extract(new ByteArrayInputStream(tar.bytes()), "test.tar", destination(), limits);
    }

    /** Refused naming the archive and the entry, and the half-made directory is gone. */
    void assertRefused(TarFixture tar, String entry, String problem) {
        assertThatThrownBy(() -> extract(tar))
                .isInstanceOf(InputsException.class)
                .hasMessageStartingWith("test.tar: entry '" + entry + "'")
                .hasMessageContaining(problem);
        assertThat(destination()).doesNotExist();
    }

    @Test
    void extractsDirectoriesFilesAndLinksUnderNormalisedNames() throws IOException {
        ExtractionReport report = extract(new TarFixture()
                .directory("./")
                .directory("./usr/")
                .directory("./usr/bin/")
                .file("./usr/bin/tool", "#!/bin/sh\n", 0755)
                .file("./usr/share/doc/tool/README", "read me") // parents not in the archive
                .symlink("./usr/bin/relative", "tool")
                .symlink("./usr/bin/java", "/etc/alternatives/cairn-test-java")
                .hardLink("./usr/bin/tool2", "./usr/bin/tool", 0755));

        Path root = destination();
        assertThat(root.resolve("usr/bin/tool")).hasContent("#!/bin/sh\n");
        assertThat(permissions(root.resolve("usr/bin/tool"))).isEqualTo("rwxr-xr-x");
        assertThat(root.resolve("usr/share/doc/tool/README")).hasContent("read me");
        assertThat(permissions(root.resolve("usr/share/doc/tool/README"))).isEqualTo("rw-r--r--");
        assertThat(Files.readSymbolicLink(root.resolve("usr/bin/relative"))).hasToString("tool");
        // Kept verbatim, and dangling here: it is meant to resolve inside the image.
        assertThat(Files.readSymbolicLink(root.resolve("usr/bin/java"))).hasToString("/etc/alternatives/cairn-test-java");
        assertThat(Files.getAttribute(root.resolve("usr/bin/tool2"), "unix:ino"))
                .isEqualTo(Files.getAttribute(root.resolve("usr/bin/tool"), "unix:ino"));
        assertThat(report.entries()).isEqualTo(8);
        assertThat(report.bytes()).isEqualTo("#!/bin/sh\n".length() + "read me".length());
        assertThat(report.droppedSpecialBits()).isEmpty();
    }

    @Test
    void setuidSetgidAndStickyBitsAreDroppedAndReported() throws IOException {
        ExtractionReport report = extract(new TarFixture()
                .file("usr/bin/su", "su", 04755)
                .file("usr/bin/wall", "wall", 02755)
                .hardLink("usr/bin/su2", "usr/bin/su", 04755)
                .directory("tmp/", 01777)
                .file("usr/bin/plain", "plain", 0755));

        for (String path : new String[] {"usr/bin/su", "usr/bin/wall", "usr/bin/su2", "tmp"}) {
            int mode = (Integer) Files.getAttribute(destination().resolve(path), "unix:mode");
            assertThat(mode & 07000).as(path).isZero();
        }
        assertThat(permissions(destination().resolve("usr/bin/su"))).isEqualTo("rwxr-xr-x");
        assertThat(report.droppedSpecialBits()).isEqualTo(Map.of(
                "usr/bin/su", 04755, "usr/bin/su2", 04755, "usr/bin/wall", 02755, "tmp", 01777));
    }

    @Test
    void aLaterEntryReplacesAnEarlierOne() throws IOException {
        extract(new TarFixture()
                .file("a", "one")
                .file("a", "two")
                .symlink("b", "/etc/passwd")
                .file("b", "now a file")
                .file("c", "soon a link")
                .symlink("c", "a")
                .directory("d/")
                .file("d", "an empty directory may be replaced")
                .directory("e/")
                .directory("e/", 0700));

        assertThat(destination().resolve("a")).hasContent("two");
        assertThat(destination().resolve("b")).isRegularFile().hasContent("now a file");
        assertThat(Files.readSymbolicLink(destination().resolve("c"))).hasToString("a");
        assertThat(destination().resolve("d")).isRegularFile();
        assertThat(destination().resolve("e")).isDirectory();
    }

    @Test
    void aDirectoryMayNotReplaceAFileOrSymlink() {
        assertRefused(new TarFixture().file("a", "x").directory("a/"), "a/", "in place of the file");
        assertRefused(new TarFixture().symlink("a", "/tmp").directory("a/"), "a/", "in place of the symlink");
    }

    @Test
    void nothingReplacesADirectoryThatHasEntries() {
        assertRefused(new TarFixture().file("d/x", "x").file("d", "replaced?"), "d", "already has entries");
        assertRefused(new TarFixture().file("d/x", "x").symlink("d", "/etc"), "d", "already has entries");
    }

    @Test
    void aHardLinkToItselfChangesNothing() throws IOException {
        extract(new TarFixture().file("a", "content").hardLink("a", "a"));

        assertThat(destination().resolve("a")).hasContent("content");
    }

    @Test
    void oldStyleDirectoriesAreKnownByTheirSlash() {
        extract(new TarFixture().special("old/", TarConstants.LF_OLDNORM).file("old/x", "x"));

        assertThat(destination().resolve("old")).isDirectory();
        assertThat(destination().resolve("old/x")).hasContent("x");
    }

    @Test
    void namesThatEscapeTheRootAreRefused() {
        assertRefused(new TarFixture().file("../../etc/passwd", "x"), "../../etc/passwd", "'..'");
        assertRefused(new TarFixture().file("/etc/passwd", "x"), "/etc/passwd", "absolute path");
        assertThat(temp.resolve("etc")).doesNotExist();
    }

    @Test
    void nothingIsWrittenThroughASymlinkFromTheArchive() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));

        assertRefused(new TarFixture().symlink("evil", outside.toString()).file("evil/x", "x"), "evil/x",
                "goes through 'evil', a symlink");
        assertRefused(new TarFixture().symlink("evil", "../outside").directory("evil/sub/"), "evil/sub/",
                "a symlink");
        assertRefused(new TarFixture().file("a", "a").symlink("evil", outside.toString()).hardLink("evil/y", "a"),
                "evil/y", "a symlink");
        assertRefused(new TarFixture().file("f", "a file").file("f/x", "x"), "f/x", "goes through 'f', a file");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void hardLinksMustPointAtAFileExtractedEarlier() throws IOException {
        Path outside = Files.writeString(temp.resolve("outside"), "secret");

        assertRefused(new TarFixture().hardLink("x", "../outside"), "x", "hard link target '../outside'");
        assertRefused(new TarFixture().hardLink("x", outside.toString()), "x", "is an absolute path");
        assertRefused(new TarFixture().hardLink("x", "later").file("later", "x"), "x",
                "not a regular file extracted earlier");
        assertRefused(new TarFixture().directory("d/").hardLink("x", "d"), "x", "not a regular file");
        assertRefused(new TarFixture().file("f", "f").symlink("s", "f").hardLink("x", "s"), "x", "not a regular file");
        assertRefused(new TarFixture().symlink("evil", temp.toString()).hardLink("x", "evil/outside"), "x",
                "not a regular file");
        assertThat(outside).hasContent("secret");
    }

    @Test
    void devicesFifosAndUnknownTypesAreRefused() {
        assertRefused(new TarFixture().special("dev/null", TarConstants.LF_CHR), "dev/null", "character device");
        assertRefused(new TarFixture().special("dev/sda", TarConstants.LF_BLK), "dev/sda", "block device");
        assertRefused(new TarFixture().special("run/fifo", TarConstants.LF_FIFO), "run/fifo", "FIFO");
        assertRefused(new TarFixture().special("volume", (byte) 'V'),
                "volume", "tar entry type 'V'");
    }

    @Test
    void namesThatAreNotUtf8AreRefused() {
        // "café" written as Latin-1: the byte 0xE9 alone is not UTF-8.
        assertRefused(new TarFixture("ISO-8859-1").file("caf\u00e9", "x"), "caf?", "not valid UTF-8");
        assertRefused(new TarFixture("ISO-8859-1").symlink("link", "caf\u00e9"), "link", "not valid UTF-8");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void utf8AndLongNamesAreKeptInGnuAndPaxTars(boolean pax) {
        String longName = "d/" + "x".repeat(150) + "-\u00e9t\u00e9-\u6f22\u5b57";
        TarFixture tar = pax ? new TarFixture().pax() : new TarFixture();
        extract(tar.file("caf\u00e9", "x").file(longName, "long").file("what?.txt", "?").symlink("s", longName));

        assertThat(destination().resolve("caf\u00e9")).hasContent("x");
        assertThat(destination().resolve(longName)).hasContent("long");
        assertThat(destination().resolve("what?.txt")).hasContent("?");
        assertThat(destination().resolve("s")).hasContent("long");
    }

    @Test
    void aDecompressionBombStopsAtTheByteLimit() {
        ExtractionLimits limits = ExtractionLimits.DEFAULT.withMaxBytes(1 << 20);
        TarFixture bomb = new TarFixture().file("small", "fine").zeros("bomb", 4 << 20);

        assertThatThrownBy(() -> extract(bomb, limits))
                .isInstanceOf(InputsException.class)
                .hasMessage("test.tar: entry 'bomb' takes the archive past the extraction limit of 1048576 bytes uncompressed");
        assertThat(destination()).doesNotExist();
    }

    @Test
    void manySmallEntriesStopAtTheEntryLimit() {
        TarFixture many = new TarFixture();
        for (int i = 0; i < 20; i++) {
            many.file("f" + i, "");
        }

        assertThatThrownBy(() -> extract(many, ExtractionLimits.DEFAULT.withMaxEntries(10)))
                .hasMessage("test.tar: entry 'f10' is one more than the extraction limit of 10 entries");
        assertThat(destination()).doesNotExist();
    }

    @Test
    void aTruncatedArchiveIsReportedDamaged() {
        byte[] whole = new TarFixture().file("a", "x".repeat(5000)).file("b", "y").bytes();
        byte[] truncated = Arrays.copyOf(whole, 2048);

        assertThatThrownBy(() -> TarExtractor.extract(new ByteArrayInputStream(truncated), "test.tar", destination(),
                        ExtractionLimits.DEFAULT))
                .isInstanceOf(InputsException.class)
                .hasMessageStartingWith("test.tar is damaged at or after entry 'a'");
        assertThat(destination()).doesNotExist();
    }

    @Test
    void theDestinationMustBeNew() throws IOException {
        Files.createDirectory(destination());

        assertThatThrownBy(() -> extract(new TarFixture().file("a", "a")))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("cannot create " + destination());
        assertThat(destination()).exists();
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
