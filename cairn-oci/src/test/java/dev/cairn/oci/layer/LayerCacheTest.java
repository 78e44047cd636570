package dev.cairn.oci.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.Platform;
import dev.cairn.oci.image.ContainerConfig;
import dev.cairn.oci.image.ImageRecipe;
import dev.cairn.oci.image.WrittenImage;
import dev.cairn.oci.layout.LayoutOutput;
import dev.cairn.oci.layout.OutputFormat;
import dev.cairn.oci.Progress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {
    @TempDir
    Path temp;

    final AtomicInteger opened = new AtomicInteger();

    @Test
    void anUnchangedLayerIsReusedWithoutReadingItsFiles() throws IOException {
        LayerCache cache = LayerCache.at(temp.resolve("cache"));

        WrittenImage cold = write(temp.resolve("one"), "v1", cache);
        int readsWhenCold = opened.getAndSet(0);
        WrittenImage warm = write(temp.resolve("two"), "v1", cache);

        assertThat(readsWhenCold).isEqualTo(1);
        assertThat(opened).hasValue(0);
        assertThat(warm.manifest().digest()).isEqualTo(cold.manifest().digest());
        assertThat(write(temp.resolve("three"), "v2", cache).manifest().digest()).isNotEqualTo(cold.manifest().digest());
    }

    @Test
    void aDamagedCacheEntryIsIgnoredAndRewritten() throws IOException {
        LayerCache cache = LayerCache.at(temp.resolve("cache"));
        WrittenImage cold = write(temp.resolve("one"), "v1", cache);
        Path blob = cache.blob(cold.layers().getFirst().descriptor().digest());
        Files.write(blob, new byte[] {1, 2, 3});
        opened.set(0);

        WrittenImage again = write(temp.resolve("two"), "v1", cache);

        assertThat(opened).hasValue(1);
        assertThat(again.manifest().digest()).isEqualTo(cold.manifest().digest());
        assertThat(Files.size(blob)).isEqualTo(cold.layers().getFirst().descriptor().size());
    }

    private WrittenImage write(Path out, String version, LayerCache cache) throws IOException {
        byte[] bytes = ("content " + version).getBytes();
        EntryContent counted = new EntryContent() {
            @Override
            public InputStream open() {
                opened.incrementAndGet();
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public Optional<String> fingerprint() {
                return Optional.of("test:" + version);
            }
        };
        LayerContents contents = new LayerContents().add(LayerEntry.file("data", 0644, 0, 0, bytes.length, counted));
        ImageRecipe recipe = new ImageRecipe(List.of(new ImageRecipe.RecipeLayer("data", contents)),
                new ContainerConfig(null, Map.of(), List.of(), List.of("/x"), List.of(), null, Map.of(), null),
                Platform.linux("amd64"), Map.of(), Compression.GZIP, MediaTypes.OCI_MANIFEST);
        return LayoutOutput.write(out, OutputFormat.OCI, recipe, "t", List.of(), Progress.NONE, Optional.of(cache));
    }
}
