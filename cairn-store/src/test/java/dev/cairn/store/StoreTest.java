package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path temp;

    Store store;

    @BeforeEach
    void openStore() {
        store = Store.open(temp.resolve("store"));
    }

    @Test
    void aBuildOutputTakesThePathItsDescriptionNamedAndRecordsItsReferencesItselfIncluded() throws IOException {
        ObjectInfo lib = store.add(Files.writeString(temp.resolve("lib"), "library"), "lib");
        StorePath out = ContentAddress.outputPath("{\"builder\":\"sh\"}", "app-1.0");
        Path built = Files.createDirectories(temp.resolve("built"));
        Files.writeString(built.resolve("run"), "exec " + lib.path() + " from " + out + "\n");

        ObjectInfo info = store.addOutput(built, out);

        assertThat(info.path()).isEqualTo(out);
        assertThat(info.references()).containsExactlyInAnyOrder(lib.path(), out);
        assertThat(ContentAddress.outputPath("{\"builder\":\"sh\"}", "app-1.0")).isEqualTo(out);
        assertThat(ContentAddress.outputPath("{\"builder\":\"bash\"}", "app-1.0")).isNotEqualTo(out);
        assertThat(store.verify(List.of(out))).isEmpty();

        Files.writeString(built.resolve("run"), "something else\n");
        assertThat(store.addOutput(built, out).narHash()).isEqualTo(info.narHash());
        assertThat(store.physicalPath(out).resolve("run")).content().startsWith("exec ");
    }


    @Test
    void anUnsandboxedOutputIsRecordedAsSuchAndOtherObjectsKeepTheirMetadataBytes() throws IOException {
        Path built = Files.createDirectories(temp.resolve("built"));
        Files.writeString(built.resolve("a"), "a\n");
        StorePath sandboxed = ContentAddress.outputPath("{\"sandbox\":true}", "app-1.0");
        StorePath unsandboxed = ContentAddress.outputPath("{\"sandbox\":false}", "app-1.0");

        store.addOutput(built, sandboxed);
        store.addUnsandboxedOutput(built, unsandboxed);

        assertThat(store.info(sandboxed).unsandboxed()).isFalse();
        assertThat(store.info(unsandboxed).unsandboxed()).isTrue();
        Path info = store.root().resolve(".cairn/info");
        assertThat(info.resolve(unsandboxed.baseName() + ".json")).content().contains("\"unsandboxed\" : true");
        assertThat(info.resolve(sandboxed.baseName() + ".json")).content().doesNotContain("unsandboxed");
        assertThat(store.verify(List.of(sandboxed, unsandboxed))).isEmpty();
    }
    @Test
    void addedTreesAreCanonicalAndReadOnly() throws Exception {
        Path source = Files.createDirectories(temp.resolve("src/bin"));
        Path tool = Files.writeString(source.resolve("tool"), "#!/bin/sh\n");
        assertThat(new ProcessBuilder("chmod", "6777", tool.toString()).start().waitFor()).isZero();
        Path data = Files.writeString(temp.resolve("src/data"), "data");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.createSymbolicLink(temp.resolve("src/link"), Path.of("bin/tool"));

        Path object = store.physicalPath(store.add(temp.resolve("src"), "src").path());

        assertThat(mode(object)).isEqualTo("r-xr-xr-x");
        assertThat(mode(object.resolve("bin"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(object.resolve("bin/tool"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(object.resolve("data"))).isEqualTo("r--r--r--");
        assertThat(Files.readSymbolicLink(object.resolve("link"))).isEqualTo(Path.of("bin/tool"));
        try (Stream<Path> all = Files.walk(object)) {
            for (Path path : all.toList()) {
                assertThat(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS))
                        .as(path.toString())
                        .isEqualTo(FileTime.fromMillis(1000));
            }
        }
    }

    @Test
    void addingTheSameContentTwiceGivesTheSameObject() throws IOException {
        Path one = Files.writeString(temp.resolve("one"), "same");
        Path two = Files.writeString(temp.resolve("two"), "same");

        ObjectInfo first = store.add(one, "x");
        ObjectInfo second = store.add(two, "x");

        assertThat(second).isEqualTo(first);
        assertThat(store.validPaths()).containsExactly(first.path());
        assertThat(store.add(one, "y").path()).isNotEqualTo(first.path());
    }

    @Test
    void referencesAreFoundByScanningForHashParts() throws IOException {
        ObjectInfo library = store.add(Files.writeString(temp.resolve("lib"), "library"), "lib");
        // The path split over a read-buffer boundary is still found: put it at 1 MiB - 10.
        Path app = Files.createDirectories(temp.resolve("app"));
        byte[] big = new byte[(1 << 20) + 100];
        byte[] mention = library.path().toString().getBytes();
        System.arraycopy(mention, 0, big, (1 << 20) - 10 - "/cairn/store/".length(), mention.length);
        Files.write(app.resolve("blob"), big);
        Files.writeString(app.resolve("unrelated"), "/cairn/store/00000000000000000000000000000000-nothing");

        ObjectInfo info = store.add(app, "app");

        assertThat(info.references()).containsExactly(library.path());
        assertThat(store.closure(List.of(info.path()))).containsExactly(info.path(), library.path());
    }

    @Test
    void symlinkTargetsCountAsReferences() throws IOException {
        ObjectInfo library = store.add(Files.writeString(temp.resolve("lib"), "library"), "lib");
        Path link = Files.createSymbolicLink(temp.resolve("link"), Path.of(library.path().toString()));

        assertThat(store.add(link, "link").references()).containsExactly(library.path());
    }

    @Test
    void whyShowsTheShortestChainOfReferences() throws IOException {
        ObjectInfo c = store.add(Files.writeString(temp.resolve("c"), "c"), "c");
        ObjectInfo b = store.add(Files.writeString(temp.resolve("b"), "uses " + c.path()), "b");
        ObjectInfo a = store.add(Files.writeString(temp.resolve("a"), "uses " + b.path()), "a");
        ObjectInfo unrelated = store.add(Files.writeString(temp.resolve("u"), "u"), "u");

        assertThat(store.why(a.path(), c.path())).contains(List.of(a.path(), b.path(), c.path()));
        assertThat(store.why(a.path(), unrelated.path())).isEmpty();
    }

    @Test
    void specialFilesAndBadNamesAreRefusedWithoutLeavingAnything() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("tree"));
        Path fifo = tree.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        assertThatThrownBy(() -> store.add(tree, "tree"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(fifo.toString())
                .hasMessageContaining("device, socket or pipe");
        assertThatThrownBy(() -> store.add(tree, "bad name")).hasMessageContaining("contains ' '");
        assertThat(store.validPaths()).isEmpty();
        assertThat(Files.list(temp.resolve("store/.cairn/tmp"))).isEmpty();
    }

    @Test
    void aFilteredAddIsTheObjectOfTheKeptEntriesAloneAndNeverReadsWhatItLeavesOut() throws Exception {
        Path clean = Files.createDirectories(temp.resolve("clean"));
        Files.createDirectories(clean.resolve("src"));
        Files.writeString(clean.resolve("src/main.c"), "int main;\n");
        Files.createSymbolicLink(clean.resolve("src/link"), Path.of("main.c"));
        Path cluttered = Files.createDirectories(temp.resolve("cluttered"));
        Files.createDirectories(cluttered.resolve("src"));
        Files.writeString(cluttered.resolve("src/main.c"), "int main;\n");
        Files.createSymbolicLink(cluttered.resolve("src/link"), Path.of("main.c"));
        Files.createDirectories(cluttered.resolve("skip/deep"));
        assertThat(new ProcessBuilder("mkfifo", cluttered.resolve("skip/deep/pipe").toString()).start().waitFor())
                .isZero();
        Files.writeString(cluttered.resolve("notes.skip"), "x");
        Files.createDirectories(cluttered.resolve("src/emptied"));
        Files.writeString(cluttered.resolve("src/emptied/x.skip"), "x");
        Files.createDirectories(cluttered.resolve("src/empty"));
        TreeFilter filter = (path, directory) -> !path.equals("skip") && !path.endsWith(".skip");
        List<String> asked = new java.util.ArrayList<>();

        ObjectInfo fromClean = store.add(clean, "source", filter);
        ObjectInfo fromCluttered = store.add(cluttered, "source", (path, directory) -> {
            asked.add(path + (directory ? "/" : ""));
            return filter.keeps(path, directory);
        });

        assertThat(fromCluttered.path()).isEqualTo(fromClean.path());
        assertThat(asked).contains("skip/", "notes.skip", "src/", "src/empty/", "src/emptied/", "src/emptied/x.skip",
                        "src/link")
                .noneMatch(path -> path.startsWith("skip/deep"));
        assertThat(store.physicalPath(fromCluttered.path()).resolve("src")).isDirectory();
        assertThat(store.add(clean, "source").path()).isEqualTo(fromClean.path());
    }

    @Test
    void anUnchangedTreeIsFoundByItsHashWithoutWritingAndAChangedOneIsNot() throws IOException {
        ObjectInfo library = store.add(Files.writeString(temp.resolve("lib"), "library"), "lib");
        Path tree = Files.createDirectories(temp.resolve("tree/src"));
        Files.writeString(tree.resolve("main.c"), "int main() {}\n");
        Files.writeString(tree.resolve("uses"), library.path() + "\n");
        Files.writeString(tree.resolve("main.o"), "object code");
        Files.createSymbolicLink(tree.resolve("link"), Path.of("main.c"));
        TreeFilter filter = (path, directory) -> !path.endsWith(".o");
        Path root = temp.resolve("tree");
        assertThat(store.existing(root, "tree-source", filter)).isEmpty();
        ObjectInfo added = store.add(root, "tree-source", filter);
        Path temporary = store.root().resolve(".cairn/tmp");
        long objects = store.validPaths().size();

        assertThat(store.existing(root, "tree-source", filter)).contains(added);
        assertThat(added.references()).containsExactly(library.path());
        assertThat(store.validPaths()).hasSize((int) objects);
        assertThat(temporary).isEmptyDirectory();
        Files.writeString(tree.resolve("main.o"), "other object code"); // filtered out: the same object
        assertThat(store.existing(root, "tree-source", filter)).contains(added);
        assertThat(store.existing(root, "other-source", filter)).isEmpty();
        Files.writeString(tree.resolve("main.c"), "int main() { return 1; }\n");
        assertThat(store.existing(root, "tree-source", filter)).isEmpty();
    }

    @Test
    void verifyNamesEveryCorruptedObject() throws IOException {
        ObjectInfo good = store.add(Files.writeString(temp.resolve("good"), "good"), "good");
        ObjectInfo flipped = store.add(Files.writeString(temp.resolve("flip"), "flip me"), "flip");
        ObjectInfo chmodded = store.add(Files.writeString(temp.resolve("mode"), "mode"), "mode");
        assertThat(store.verify(List.of())).isEmpty();

        Path file = store.physicalPath(flipped.path());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(3);
            int b = raf.read();
            raf.seek(3);
            raf.write(b ^ 0x01);
        }
        Files.setPosixFilePermissions(store.physicalPath(chmodded.path()), PosixFilePermissions.fromString("r-xr-xr-x"));

        List<Corruption> corrupted = store.verify(List.of());

        assertThat(corrupted).extracting(Corruption::path).containsExactlyInAnyOrder(flipped.path(), chmodded.path());
        assertThat(corrupted).allSatisfy(c -> assertThat(c.actual()).isNotEqualTo(c.expected()));
        assertThat(store.verify(List.of(good.path()))).isEmpty();
    }

    @Test
    void gcKeepsExactlyTheClosureOfTheRoots() throws IOException {
        ObjectInfo c = store.add(Files.writeString(temp.resolve("c"), "c"), "c");
        ObjectInfo b = store.add(Files.writeString(temp.resolve("b"), "uses " + c.path()), "b");
        ObjectInfo a = store.add(Files.writeString(temp.resolve("a"), "uses " + b.path()), "a");
        ObjectInfo d = store.add(Files.writeString(temp.resolve("d"), "also uses " + c.path()), "d");
        ObjectInfo e = store.add(Files.createDirectories(temp.resolve("e/deep/er")).getParent().getParent(), "e");
        store.roots().add("app", a.path());
        Files.createDirectories(temp.resolve("store/.cairn/tmp/add-123/object/half"));

        GcReport preview = store.collectGarbage(true);
        assertThat(store.validPaths()).hasSize(5);
        GcReport report = store.collectGarbage(false);

        assertThat(preview.removals()).isEqualTo(report.removals());
        assertThat(report.removals()).filteredOn(GcReport.Removal::storeObject).extracting(GcReport.Removal::what)
                .containsExactlyInAnyOrder(d.path().toString(), e.path().toString());
        assertThat(report.removals()).filteredOn(r -> !r.storeObject()).hasSize(1);
        assertThat(report.bytesFreed()).isEqualTo(("also uses " + c.path()).length());
        assertThat(store.validPaths()).containsExactlyInAnyOrder(a.path(), b.path(), c.path());
        assertThat(Files.list(temp.resolve("store"))).hasSize(4);
        assertThat(Files.list(temp.resolve("store/.cairn/info"))).hasSize(3);
        assertThat(Files.list(temp.resolve("store/.cairn/tmp"))).isEmpty();
        assertThat(store.verify(List.of())).isEmpty();

        store.roots().remove("app");
        assertThat(store.collectGarbage(false).removals()).hasSize(3);
        assertThat(store.validPaths()).isEmpty();
    }

    @Test
    void rootsMustNameObjectsInTheStore() {
        StorePath absent = StorePath.parse("k4nm1ixqdqj2yzzj43ibf8p5in0v2x4g-nt");
        assertThatThrownBy(() -> store.roots().add("x", absent))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is not in the store");
        assertThatThrownBy(() -> store.roots().add("../escape", absent)).hasMessageContaining("not a root name");
    }

    @Test
    void concurrentAddsInOneProcessEndWithOneObject() throws Exception {
        Path tree = RandomTree.generate(temp.resolve("tree"), 9, 80);
        List<Callable<ObjectInfo>> adds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            adds.add(() -> store.add(tree, "tree"));
        }
        List<ObjectInfo> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<ObjectInfo> result : threads.invokeAll(adds)) {
                results.add(result.get());
            }
        }
        assertThat(Set.copyOf(results)).hasSize(1);
        assertThat(store.validPaths()).hasSize(1);
        assertThat(store.verify(List.of())).isEmpty();
    }

    @Test
    void resolveAcceptsLogicalPhysicalAndBareNames() throws IOException {
        ObjectInfo info = store.add(Files.createDirectories(temp.resolve("d/sub")).getParent(), "d");
        Path physical = store.physicalPath(info.path());

        assertThat(store.resolve(info.path().toString())).isEqualTo(info.path());
        assertThat(store.resolve(info.path() + "/sub")).isEqualTo(info.path());
        assertThat(store.resolve(info.path().baseName())).isEqualTo(info.path());
        assertThat(store.resolve(physical.resolve("sub").toString())).isEqualTo(info.path());
    }

    private static String mode(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return PosixFilePermissions.toString(permissions);
    }
}
