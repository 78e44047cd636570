package dev.cairn.inputs.debian.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.extract.ArchiveCompression;
import dev.cairn.inputs.extract.ExtractionLimits;
import dev.cairn.inputs.testing.DebFixture;
import dev.cairn.inputs.testing.TarFixture;
import dev.cairn.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebExtractorTest {
    @TempDir
    Path temp;

    Store store;
    Path scratch;
    Path outside;

    @BeforeEach
    void setUp() throws IOException {
        store = Store.open(temp.resolve("store"));
        scratch = temp.resolve("work/scratch");
        outside = Files.createDirectory(temp.resolve("outside"));
    }

    static final String CONTROL = DebFixture.control("hello", "1:2.10~rc1+dfsg-3");

    @Test
    void aPackageBecomesOneObjectOfItsFilesAndOneOfItsControlFiles() throws IOException {
        Path deb = DebFixture.of(CONTROL, new TarFixture()
                        .directory("./")
                        .directory("./usr/")
                        .directory("./usr/bin/")
                        .file("./usr/bin/hello", "#!/bin/sh\necho hello\n", 0755)
                        .file("./usr/bin/helper", "setuid helper", 04755)
                        .hardLink("./usr/bin/hi", "./usr/bin/hello", 0755)
                        .symlink("./usr/bin/greet", "hello")
                        .symlink("./usr/bin/editor", "/etc/alternatives/cairn-test-editor")
                        .directory("./usr/share/")
                        .directory("./usr/share/doc/")
                        .directory("./usr/share/doc/hello/")
                        .file("./usr/share/doc/hello/README", "read me\n"))
                .write(temp.resolve("hello_2.10~rc1+dfsg-3_amd64.deb"));

        ExtractedDeb extracted = new DebExtractor(store, scratch).extract(deb);

        assertThat(extracted.files().path().name()).isEqualTo("hello-1_2.10=rc1+dfsg-3");
        assertThat(extracted.controlObject().path().name()).isEqualTo("hello-1_2.10=rc1+dfsg-3-control");
        assertThat(store.validPaths()).containsExactlyInAnyOrder(extracted.files().path(), extracted.controlObject().path());
        Path root = store.physicalPath(extracted.files().path());
        assertThat(listing(root)).containsExactly(
                "d usr",
                "d usr/bin",
                "l usr/bin/editor -> /etc/alternatives/cairn-test-editor",
                "l usr/bin/greet -> hello",
                "f r-xr-xr-x usr/bin/hello",
                "f r-xr-xr-x usr/bin/helper",
                "f r-xr-xr-x usr/bin/hi",
                "d usr/share",
                "d usr/share/doc",
                "d usr/share/doc/hello",
                "f r--r--r-- usr/share/doc/hello/README");
        assertThat(root.resolve("usr/bin/hi")).hasContent("#!/bin/sh\necho hello\n");
        assertThat(extracted.report().droppedSpecialBits()).isEqualTo(Map.of("usr/bin/helper", 04755));

        Path control = store.physicalPath(extracted.controlObject().path());
        assertThat(listing(control)).containsExactly("f r--r--r-- control", "f r--r--r-- md5sums", "f r--r--r-- postinst");
        assertThat(control.resolve("control")).hasContent(CONTROL);
        assertThat(extracted.control().version()).isEqualTo("1:2.10~rc1+dfsg-3");
        assertThat(extracted.control().maintainerScripts()).containsExactly("postinst");
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void everyCompressionGivesTheSameObject() {
        List<String> paths = Stream.of(ArchiveCompression.values())
                .map(compression -> DebFixture.of(CONTROL, new TarFixture().directory("./").file("./usr/bin/x", "x", 0755),
                                compression)
                        .write(temp.resolve("x-" + compression + ".deb")))
                .map(deb -> new DebExtractor(store, scratch).extract(deb).files().path().toString())
                .distinct()
                .toList();

        assertThat(paths).hasSize(1);
    }

    @Test
    void dotDotEntriesAreRefused() throws IOException {
        assertRefused(new TarFixture().directory("./").file("../../etc/passwd", "root::0:0::/root:/bin/sh\n"),
                "../../etc/passwd");
        try (Stream<Path> all = Files.walk(temp)) {
            assertThat(all.filter(path -> path.getFileName().toString().equals("passwd"))).isEmpty();
        }
    }

    @Test
    void absoluteEntriesAreRefused() {
        assertRefused(new TarFixture().directory("./").file("/etc/passwd", "root::0:0::/root:/bin/sh\n"),
                "/etc/passwd");
    }

    @Test
    void aFileThroughASymlinkIsRefusedAndNothingIsWrittenOutside() {
        assertRefused(new TarFixture().symlink("./evil", outside.toString()).file("./evil/x", "pwned"), "./evil/x");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aHardLinkThroughASymlinkIsRefused() {
        assertRefused(new TarFixture()
                        .file("./usr/bin/tool", "tool")
                        .symlink("./evil", outside.toString())
                        .hardLink("./evil/tool", "./usr/bin/tool"),
                "./evil/tool");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aHardLinkOutsideTheRootIsRefused() throws IOException {
        Path secret = Files.writeString(outside.resolve("secret"), "secret");

        assertRefused(new TarFixture().hardLink("./leak", "../outside/secret"), "./leak");
        assertThat(outside.toFile().list()).containsExactly("secret");
        assertThat(secret).hasContent("secret");
    }

    @Test
    void characterDevicesAreRefused() {
        assertRefused(new TarFixture().directory("./dev/").special("./dev/null", TarConstants.LF_CHR), "./dev/null");
    }

    @Test
    void fifosAreRefused() {
        assertRefused(new TarFixture().directory("./run/").special("./run/initctl", TarConstants.LF_FIFO),
                "./run/initctl");
    }

    @Test
    void aDecompressionBombIsStoppedAtTheConfiguredLimit() throws IOException {
        Path deb = DebFixture.of(CONTROL, new TarFixture().file("./usr/small", "fine").zeros("./usr/bomb", 16 << 20),
                        ArchiveCompression.GZIP)
                .write(temp.resolve("bomb.deb"));
        assertThat(Files.size(deb)).isLessThan(64 << 10);

        assertThatThrownBy(() -> new DebExtractor(store, scratch, ExtractionLimits.DEFAULT.withMaxBytes(1 << 20))
                        .extract(deb))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("entry './usr/bomb'")
                .hasMessageContaining("extraction limit of 1048576 bytes");
        assertNothingLeft();
    }

    /** Refused naming the entry; nothing in the store, nothing left in scratch. */
    private void assertRefused(TarFixture data, String entry) {
        Path deb = DebFixture.of(CONTROL, data).write(temp.resolve("hostile.deb"));

        assertThatThrownBy(() -> new DebExtractor(store, scratch).extract(deb))
                .isInstanceOf(InputsException.class)
                .hasMessageStartingWith(deb + " (data.tar.xz): entry '" + entry + "'");
        assertNothingLeft();
    }

    private void assertNothingLeft() {
        assertThat(store.validPaths()).isEmpty();
        assertThat(scratch).isEmptyDirectory();
        assertThat(store.root().resolve(".cairn/tmp")).isEmptyDirectory();
    }

    /** One line a path, sorted: type, mode for files, symlink targets. */
    static List<String> listing(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> !path.equals(root)).sorted().map(path -> {
                String name = root.relativize(path).toString();
                try {
                    if (Files.isSymbolicLink(path)) {
                        return "l " + name + " -> " + Files.readSymbolicLink(path);
                    }
                    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                        return "d " + name;
                    }
                    return "f " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path)) + " " + name;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
