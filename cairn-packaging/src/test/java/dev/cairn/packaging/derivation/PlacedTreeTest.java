package dev.cairn.packaging.derivation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import dev.cairn.store.TreeDeletion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input trees on disk: hard links into the store where they can be, copies where the cache is elsewhere. */
class PlacedTreeTest {
    @TempDir
    Path temp;

    @Test
    void aTreeIsMadeOnceOfHardLinksPlacingFilesAndDirectoriesAtTheirPaths() throws IOException {
        Store store = Store.open(temp.resolve("store"));
        InputTree tree = tree(store);

        Path placed = PlacedTree.of(store, tree, temp.resolve("cache"));

        Path jar = placed.resolve("org/lib/1.0/lib-1.0.jar");
        assertThat(jar).hasContent("a jar");
        assertThat(Files.isSameFile(jar, store.physicalPath(tree.entries().get("org/lib/1.0/lib-1.0.jar")))).isTrue();
        assertThat(placed.resolve("org/lib/docs/html/index.html")).hasContent("<p>docs</p>");
        assertThat(Files.readSymbolicLink(placed.resolve("org/lib/docs/latest"))).isEqualTo(Path.of("html"));
        assertThat(PlacedTree.of(store, tree, temp.resolve("cache"))).isEqualTo(placed);
        assertThat(temp.resolve("cache")).isDirectoryContaining(path -> path.equals(placed))
                .isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("."));
    }

    @Test
    void aCacheOnAnotherFileSystemGetsCopies() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeThat(Files.isWritable(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(temp)))
                .as("/dev/shm is a file system of its own").isTrue();
        Store store = Store.open(temp.resolve("store"));
        InputTree tree = tree(store);
        Path elsewhere = Files.createTempDirectory(shm, "cairn-placed-tree-test-");
        try {
            Path placed = PlacedTree.of(store, tree, elsewhere);

            Path jar = placed.resolve("org/lib/1.0/lib-1.0.jar");
            assertThat(jar).hasContent("a jar");
            assertThat(Files.isSameFile(jar, store.physicalPath(tree.entries().get("org/lib/1.0/lib-1.0.jar")))).isFalse();
            assertThat(placed.resolve("org/lib/docs/html/index.html")).hasContent("<p>docs</p>");
        } finally {
            TreeDeletion.delete(elsewhere);
        }
    }

    private InputTree tree(Store store) throws IOException {
        StorePath jar = store.add(Files.writeString(temp.resolve("lib-1.0.jar"), "a jar"), "lib-1.0.jar").path();
        Path docs = Files.createDirectories(temp.resolve("docs/html"));
        Files.writeString(docs.resolve("index.html"), "<p>docs</p>");
        Files.createSymbolicLink(temp.resolve("docs/latest"), Path.of("html"));
        StorePath docsObject = store.add(temp.resolve("docs"), "lib-docs").path();
        return new InputTree("/cairn/repository", new TreeMap<>(Map.of(
                "org/lib/1.0/lib-1.0.jar", jar, "org/lib/docs", docsObject)));
    }
}
