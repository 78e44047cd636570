package dev.cairn.oci.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import dev.cairn.oci.Digest;
import dev.cairn.oci.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class LayerWriterTest {
    private static LayerContents sample() {
        String longName = "very/" + "long-directory-name/".repeat(8) + "file-with-a-name-past-one-hundred-bytes.txt";
        return new LayerContents()
                .add(LayerEntry.file("usr/bin/tool", 0755, 0, 0, 4, EntryContent.of("tool".getBytes())))
                .add(LayerEntry.file("etc/config", 0640, 1000, 1001, 6, EntryContent.of("config".getBytes())))
                .add(LayerEntry.symlink("usr/bin/alias", "tool", 0, 0))
                .add(LayerEntry.hardLink("usr/bin/same", "usr/bin/tool", 0755, 0, 0))
                .add(LayerEntry.file(longName, 0644, 0, 0, 0, EntryContent.of(new byte[0])))
                .add(LayerEntry.file("données/été.txt", 0644, 0, 0, 2, EntryContent.of("ok".getBytes())))
                .add(LayerEntry.directory("tmp", 01777, 0, 0));
    }

    @Test
    void theSameContentsGiveTheSameDigestsEveryTime() throws IOException {
        Layer first = LayerWriter.write(sample(), Compression.GZIP, new ByteArrayOutputStream());
        Layer second = LayerWriter.write(sample(), Compression.GZIP, new ByteArrayOutputStream());

        assertThat(second).isEqualTo(first);
        assertThat(first.descriptor().mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    }

    @Test
    void digestsDescribeTheCompressedBlobAndTheTarInside() throws IOException {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        Layer layer = LayerWriter.write(sample(), Compression.GZIP, blob);

        byte[] tar = new GZIPInputStream(new ByteArrayInputStream(blob.toByteArray())).readAllBytes();
        assertThat(layer.descriptor().digest()).isEqualTo(Digest.sha256(blob.toByteArray()));
        assertThat(layer.descriptor().size()).isEqualTo(blob.size());
        assertThat(layer.diffId()).isEqualTo(Digest.sha256(tar));
        assertThat(layer.tarSize()).isEqualTo(tar.length);
    }

    @Test
    void gzipHeaderCarriesNoTimeNameOrHostOs() throws IOException {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        LayerWriter.write(sample(), Compression.GZIP, blob);
        byte[] header = java.util.Arrays.copyOf(blob.toByteArray(), 10);

        assertThat(header[3]).as("flags: no name, comment or extra").isZero();
        assertThat(java.util.Arrays.copyOfRange(header, 4, 8)).as("mtime").containsOnly(0);
        assertThat(header[9] & 0xff).as("OS byte").isEqualTo(255);
    }

    @Test
    void entriesAreSortedWithParentsAndFixedMetadata() throws IOException {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        LayerWriter.write(sample(), Compression.NONE, blob);

        List<TarArchiveEntry> entries = read(new ByteArrayInputStream(blob.toByteArray()));
        List<String> names = entries.stream().map(TarArchiveEntry::getName).toList();
        assertThat(names).startsWith("données/", "données/été.txt", "etc/", "etc/config", "tmp/", "usr/", "usr/bin/",
                "usr/bin/alias", "usr/bin/same", "usr/bin/tool");
        assertThat(names).anyMatch(n -> n.endsWith("file-with-a-name-past-one-hundred-bytes.txt") && n.length() > 100);
        for (TarArchiveEntry entry : entries) {
            assertThat(entry.getLastModifiedTime().toMillis()).as(entry.getName()).isEqualTo(1000);
            assertThat(entry.getUserName()).isEmpty();
            assertThat(entry.getGroupName()).isEmpty();
        }
        TarArchiveEntry config = entries.stream().filter(e -> e.getName().equals("etc/config")).findFirst().orElseThrow();
        assertThat(config.getMode()).isEqualTo(0640);
        assertThat(config.getLongUserId()).isEqualTo(1000);
        assertThat(config.getLongGroupId()).isEqualTo(1001);
        TarArchiveEntry tmp = entries.stream().filter(e -> e.getName().equals("tmp/")).findFirst().orElseThrow();
        assertThat(tmp.getMode()).isEqualTo(01777);
        TarArchiveEntry alias = entries.stream().filter(e -> e.getName().equals("usr/bin/alias")).findFirst().orElseThrow();
        assertThat(alias.isSymbolicLink()).isTrue();
        assertThat(alias.getLinkName()).isEqualTo("tool");
        TarArchiveEntry same = entries.stream().filter(e -> e.getName().equals("usr/bin/same")).findFirst().orElseThrow();
        assertThat(same.isLink()).isTrue();
    }

    @Test
    void zstdLayersDecompressToTheSameTar() throws IOException {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        ByteArrayOutputStream zstd = new ByteArrayOutputStream();
        Layer gzipLayer = LayerWriter.write(sample(), Compression.GZIP, gzip);
        Layer zstdLayer = LayerWriter.write(sample(), Compression.ZSTD, zstd);

        byte[] tar;
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zstd.toByteArray()))) {
            tar = in.readAllBytes();
        }
        assertThat(zstdLayer.diffId()).isEqualTo(gzipLayer.diffId()).isEqualTo(Digest.sha256(tar));
        assertThat(zstdLayer.descriptor().mediaType()).isEqualTo(MediaTypes.OCI_LAYER_ZSTD);
    }

    @Test
    void hostileAndConflictingPathsAreRefused() {
        assertThatThrownBy(() -> LayerEntry.directory("../etc", 0755, 0, 0)).hasMessageContaining("'..'");
        assertThatThrownBy(() -> LayerEntry.directory("/etc", 0755, 0, 0)).hasMessageContaining("not a relative path");
        LayerContents contents = new LayerContents().add(LayerEntry.symlink("lib", "usr/lib", 0, 0));
        assertThatThrownBy(() -> contents.add(LayerEntry.file("lib/x", 0644, 0, 0, 0, EntryContent.of(new byte[0]))))
                .hasMessageContaining("needs 'lib' to be a directory");
    }

    @Test
    void aFileThatChangesSizeWhileWrittenFailsTheLayer() {
        LayerContents contents = new LayerContents()
                .add(LayerEntry.file("grown", 0644, 0, 0, 2, EntryContent.of("three".getBytes(StandardCharsets.UTF_8))));

        assertThatThrownBy(() -> LayerWriter.write(contents, Compression.GZIP, new ByteArrayOutputStream()))
                .hasMessageContaining("'grown' changed size");
    }

    private static List<TarArchiveEntry> read(InputStream tar) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
