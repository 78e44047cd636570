package dev.cairn.inputs.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.lock.LockedFile;
import dev.cairn.inputs.testing.TarFixture;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixed-output fetches from a repository that is a directory (a {@code file:} URL): pinning, layouts, refusals. */
class FetchedFilesTest {
    private static final FetchLayout UNPACKED = new FetchLayout(true, 1, new TreeMap<>());

    @TempDir
    Path temp;

    private Store store;
    private FetchedFiles fetched;
    private Path releases;

    @BeforeEach
    void openAStoreAndARepository() throws IOException {
        store = Store.open(temp.resolve("store"));
        releases = Files.createDirectories(temp.resolve("releases"));
        FetchRepositories repositories = FetchRepositories.fromEnvironment(
                Map.of("CAIRN_REPOSITORY_RELEASES", releases.toUri().toString()));
        fetched = new FetchedFiles(store, temp.resolve("cache"), () -> repositories, Transport.standard());
    }

    @Test
    void aPinnedArchiveBecomesTheObjectItsPinAndLayoutNameInAdvance() throws IOException {
        release("t/1/t.tar.gz", new TarFixture().file("t-1/bin/t", "#!/bin/sh\n", 0755).file("t-1/README", "hi\n").gzipped());
        LockedFile pin = fetched.pin("releases", "t/1/t.tar.gz", line -> { });

        StorePath path = fetched.realize(pin, "t-1", UNPACKED, line -> { });

        assertThat(path).isEqualTo(FetchedFiles.storePath(pin, "t-1", UNPACKED));
        assertThat(store.physicalPath(path).resolve("bin/t")).isExecutable();
        assertThat(store.physicalPath(path).resolve("README")).hasContent("hi");
        assertThat(FetchedFiles.storePath(pin, "t-1", new FetchLayout(true, 0, new TreeMap<>())))
                .as("another layout is another object").isNotEqualTo(path);
    }

    @Test
    void strippingALevelThatIsNotOneDirectoryIsRefusedNamingWhatIsThere() throws IOException {
        release("two/1/two.tar.gz", new TarFixture().file("a/x", "x\n").file("b/y", "y\n").gzipped());
        LockedFile pin = fetched.pin("releases", "two/1/two.tar.gz", line -> { });

        assertThatThrownBy(() -> fetched.realize(pin, "two-1", UNPACKED, line -> { }))
                .isInstanceOf(InputsException.class)
                .hasMessage("two-1 (releases:two/1/two.tar.gz): stripComponents 1 needs one directory at level 1 of"
                        + " the archive, and it has 2 entries: a, b");
        assertThat(store.validPaths()).isEmpty();
    }

    @Test
    void aCommandNamingALinkOfTheArchiveIsRefused() throws IOException {
        release("l/1/l.tar.gz", new TarFixture().symlink("passwd", "/etc/passwd").gzipped());
        LockedFile pin = fetched.pin("releases", "l/1/l.tar.gz", line -> { });
        FetchLayout layout = new FetchLayout(true, 0, new TreeMap<>(Map.of("passwd", "passwd")));

        assertThatThrownBy(() -> fetched.realize(pin, "l-1", layout, line -> { }))
                .hasMessageContaining("bin[\"passwd\"] = \"passwd\" is not a file of the package: passwd is a symbolic link");
        assertThat(store.validPaths()).isEmpty();
    }

    @Test
    void aSingleFileIsKeptUnderItsNameAndItsCommandLinksToIt() throws IOException {
        release("one/1/one-linux", "#!/bin/sh\necho one\n".getBytes(StandardCharsets.UTF_8));
        LockedFile pin = fetched.pin("releases", "one/1/one-linux", line -> { });
        FetchLayout layout = new FetchLayout(false, 0, new TreeMap<>(Map.of("one", "one-linux")));

        Path object = store.physicalPath(fetched.realize(pin, "one-1", layout, line -> { }));

        assertThat(object.resolve("one-linux")).isExecutable().hasContent("#!/bin/sh\necho one");
        assertThat(Files.readSymbolicLink(object.resolve("bin/one"))).isEqualTo(Path.of("../one-linux"));
    }

    @Test
    void aLayoutIsCheckedWhenMade() {
        assertThatThrownBy(() -> new FetchLayout(false, 1, new TreeMap<>()))
                .hasMessageContaining("stripComponents 1 without unpack");
        assertThatThrownBy(() -> new FetchLayout(true, 0, new TreeMap<>(Map.of("x", "../x"))))
                .hasMessageContaining("is not a relative path inside the package");
        assertThatThrownBy(() -> FetchLayout.archiveCompression("tool.zip"))
                .hasMessageContaining("cairn unpacks tar archives").hasMessageContaining("not zip files yet");
    }

    private void release(String path, byte[] bytes) throws IOException {
        Path file = releases.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
