package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.nar.NarDump;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** cairn's NAR, hash and paths against Nix's own tools, byte for byte. */
@Tag("integration")
class NarCompatibilityTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "random tree, seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void randomTreesSerialiseExactlyAsNixStoreDump(long seed) throws Exception {
        Path tree = RandomTree.generate(temp.resolve("tree"), seed, 300);

        assertThat(cairnDump(tree)).isEqualTo(NixTools.dump(tree));
    }

    @ParameterizedTest(name = "random tree, seed {0}")
    @ValueSource(longs = {5, 6})
    void addedObjectsCarryNixsHashAndPath(long seed) throws Exception {
        Path tree = RandomTree.generate(temp.resolve("tree"), seed, 200);
        Store store = Store.open(temp.resolve("store"));

        ObjectInfo info = store.add(tree, "tree");

        assertThat(info.narHash().base32()).isEqualTo(NixTools.hashBase32(tree));
        assertThat(info.path()).hasToString(NixTools.fixedSourcePath(info.narHash(), "tree"));
        Path stored = store.physicalPath(info.path());
        assertThat(NixTools.hashBase32(stored)).isEqualTo(info.narHash().base32());
        assertThat(NixTools.dump(stored)).hasSize((int) info.narSize());
    }

    @Test
    void singleFilesSymlinksAndEmptyDirectoriesMatchToo() throws Exception {
        Path file = Files.writeString(temp.resolve("script.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path empty = Files.createDirectory(temp.resolve("empty"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), Path.of("../some where/ü"));
        Path nothing = Files.createFile(temp.resolve("nothing"));

        for (Path path : new Path[] {file, empty, link, nothing}) {
            assertThat(cairnDump(path)).as(path.toString()).isEqualTo(NixTools.dump(path));
        }
    }

    private static byte[] cairnDump(Path path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NarDump.dump(path, out);
        return out.toByteArray();
    }
}
