package dev.cairn.oci.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreeTest {
    @TempDir
    Path temp;

    @Test
    void aDirectoryIsPlacedUnderItsDestinationWithNormalisedModes() throws IOException {
        Path root = Files.createDirectories(temp.resolve("app/bin"));
        Path tool = Files.writeString(root.resolve("tool"), "x");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(temp.resolve("app/data"), "d");
        Files.createSymbolicLink(temp.resolve("app/link"), Path.of("bin/tool"));

        List<LayerEntry> entries = DirectoryTree.entries(temp.resolve("app"), "srv", null, 7, 8);

        assertThat(entries).extracting(LayerEntry::path)
                .containsExactly("srv", "srv/bin", "srv/bin/tool", "srv/data", "srv/link");
        assertThat(entries).extracting(LayerEntry::mode).containsExactly(0755, 0755, 0755, 0644, 0777);
        assertThat(entries).allSatisfy(e -> assertThat(e.uid()).isEqualTo(7));
        assertThat(entries.get(4).linkTarget()).isEqualTo("bin/tool");
    }

    @Test
    void hardLinksInsideTheTreeStayHardLinks() throws IOException {
        Path root = Files.createDirectories(temp.resolve("tree"));
        Path original = Files.writeString(root.resolve("a"), "shared bytes");
        Files.createLink(root.resolve("b"), original);

        List<LayerEntry> entries = DirectoryTree.entries(root, "x", null, 0, 0);

        assertThat(entries.get(1).type()).isEqualTo(LayerEntry.Type.FILE);
        assertThat(entries.get(2).type()).isEqualTo(LayerEntry.Type.HARDLINK);
        assertThat(entries.get(2).linkTarget()).isEqualTo("x/a");
    }

    @Test
    void aFileCannotBeTheImageRoot() throws IOException {
        Path file = Files.writeString(temp.resolve("f"), "x");

        assertThatThrownBy(() -> DirectoryTree.entries(file, "", null, 0, 0)).hasMessageContaining("image root");
    }
}
