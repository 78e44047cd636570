package dev.cairn.oci.layout;

import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.Platform;
import dev.cairn.oci.image.ContainerConfig;
import dev.cairn.oci.image.ImageRecipe;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layer.EntryContent;
import dev.cairn.oci.layer.LayerContents;
import dev.cairn.oci.layer.LayerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A runnable test image: Debian's static busybox, which prints a greeting and exits. */
public final class TestImages {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private TestImages() {}

    public static ImageRecipe busybox(Compression compression, String manifestMediaType) throws IOException {
        if (!Files.isRegularFile(BUSYBOX)) {
            throw new IllegalStateException("/bin/busybox is missing: apt-get install busybox-static (./run-tests does)");
        }
        LayerContents binaries = new LayerContents()
                .add(LayerEntry.file("bin/busybox", 0755, 0, 0, Files.size(BUSYBOX), EntryContent.of(BUSYBOX)))
                .add(LayerEntry.symlink("bin/sh", "busybox", 0, 0));
        LayerContents data = new LayerContents()
                .add(LayerEntry.file("etc/greeting", 0644, 0, 0, 17, EntryContent.of("hello from cairn\n".getBytes())))
                .add(LayerEntry.directory("tmp", 01777, 0, 0));
        ContainerConfig config = new ContainerConfig(null, Map.of("8080/tcp", new ContainerConfig.EmptyObject()),
                List.of("PATH=/bin", "GREETING_FILE=/etc/greeting"), List.of("/bin/busybox", "cat"),
                List.of("/etc/greeting"), "/", Map.of("org.example.test", "yes"), "SIGTERM");
        return new ImageRecipe(
                List.of(new ImageRecipe.RecipeLayer("busybox", binaries), new ImageRecipe.RecipeLayer("data", data)),
                config, Platform.linux("amd64"), Map.of("org.opencontainers.image.title", "busybox-test"),
                compression, manifestMediaType);
    }

    public static ImageRecipe busybox() throws IOException {
        return busybox(Compression.GZIP, MediaTypes.OCI_MANIFEST);
    }
}
