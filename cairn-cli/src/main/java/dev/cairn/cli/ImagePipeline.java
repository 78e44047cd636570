package dev.cairn.cli;

import dev.cairn.image.ImagePlanner;
import dev.cairn.image.ImageSpec;
import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.Progress;
import dev.cairn.oci.image.ImageRecipe;
import dev.cairn.oci.image.WrittenImage;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layer.LayerCache;
import dev.cairn.oci.layout.LayoutOutput;
import dev.cairn.oci.layout.OutputFormat;
import dev.cairn.store.Store;
import dev.cairn.store.StoreLocation;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The image path every image verb shares: plan the image from its target (plain data), then
 * write it in the wanted format, reusing cached layers.
 */
final class ImagePipeline {
    /** The tag a layout gives the image it holds. */
    static final String LAYOUT_TAG = "latest";

    private ImagePipeline() {}

    static WrittenImage write(Workspace workspace, ImageTarget target, Path destination, OutputFormat format,
            Compression compression, Progress progress, Consumer<String> log) {
        Store store = StoreCommand.open();
        ImageSpec spec = target.image().operable() != null
                ? StandardImages.realise(workspace, target, store, log)
                : DebianContents.realise(workspace, target, store, log);
        ImageRecipe recipe = new ImagePlanner(store).plan(spec, compression, MediaTypes.OCI_MANIFEST);
        try {
            return LayoutOutput.write(destination, format, recipe, LAYOUT_TAG, List.of(loadName(target)), progress,
                    Optional.of(LayerCache.at(cacheRoot().resolve("layers"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + destination, e);
        }
    }

    /** What {@code podman load} calls the image: {@code localhost/<name>:latest}. */
    static String loadName(ImageTarget target) {
        return "localhost/" + target.image().name() + ":" + LAYOUT_TAG;
    }

    /** cairn's cache directory: {@code $CAIRN_CACHE}, else {@code $XDG_CACHE_HOME/cairn} or {@code ~/.cache/cairn}. */
    static Path cacheRoot() {
        String explicit = System.getenv("CAIRN_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        return StoreLocation.cairnCache(System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
