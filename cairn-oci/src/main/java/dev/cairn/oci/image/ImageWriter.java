package dev.cairn.oci.image;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.OciException;
import dev.cairn.oci.OciJson;
import dev.cairn.oci.Progress;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layer.Layer;
import dev.cairn.oci.layer.LayerCache;
import dev.cairn.oci.layer.LayerWriter;
import dev.cairn.oci.layout.OciLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes an {@link ImageRecipe} into a layout: the layers, compressed in parallel on a pool
 * sized to the cores; then the config, whose diffIDs need every layer; then the manifest.
 */
public final class ImageWriter {
    private ImageWriter() {}

    public static WrittenImage write(OciLayout layout, ImageRecipe recipe) throws IOException {
        return write(layout, recipe, Progress.NONE, Optional.empty());
    }

    /** @param cache where compressed layers are reused from and kept for the next build */
    public static WrittenImage write(OciLayout layout, ImageRecipe recipe, Progress progress, Optional<LayerCache> cache)
            throws IOException {
        List<Layer> layers = writeLayers(layout, recipe, progress, cache);
        boolean docker = MediaTypes.DOCKER_MANIFEST.equals(recipe.manifestMediaType());

        List<ImageConfig.History> history = recipe.layers().stream()
                .map(layer -> new ImageConfig.History(ImageConfig.EPOCH, layer.createdBy(), null, null))
                .toList();
        ImageConfig config = new ImageConfig(ImageConfig.EPOCH, recipe.platform().architecture(), recipe.platform().os(),
                recipe.platform().variant(), recipe.config(),
                ImageConfig.RootFs.layers(layers.stream().map(Layer::diffId).toList()), history);
        Descriptor configDescriptor = layout.writeBlob(
                docker ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG, OciJson.bytes(config));

        List<Descriptor> layerDescriptors = layers.stream()
                .map(layer -> docker ? layer.descriptor().withMediaType(dockerLayerType(layer.descriptor().mediaType()))
                        : layer.descriptor())
                .toList();
        ImageManifest manifest = ImageManifest.of(recipe.manifestMediaType(), configDescriptor, layerDescriptors,
                docker ? java.util.Map.of() : recipe.annotations());
        Descriptor manifestDescriptor = layout.writeBlob(recipe.manifestMediaType(), OciJson.bytes(manifest))
                .withPlatform(recipe.platform());
        return new WrittenImage(manifestDescriptor, configDescriptor, layers, manifest);
    }

    private static List<Layer> writeLayers(OciLayout layout, ImageRecipe recipe, Progress progress,
            Optional<LayerCache> cache) throws IOException {
        int threads = Math.max(1, Math.min(recipe.layers().size(), Runtime.getRuntime().availableProcessors()));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Layer>> pending = new ArrayList<>();
            for (ImageRecipe.RecipeLayer layer : recipe.layers()) {
                pending.add(pool.submit(() -> writeLayer(layout, layer, recipe.compression(), progress, cache)));
            }
            List<Layer> layers = new ArrayList<>();
            for (Future<Layer> layer : pending) {
                layers.add(join(layer));
            }
            return layers;
        }
    }

    private static Layer writeLayer(OciLayout layout, ImageRecipe.RecipeLayer layer, Compression compression,
            Progress progress, Optional<LayerCache> cache) throws IOException {
        Optional<String> key = cache.flatMap(c -> LayerCache.key(layer.contents(), compression));
        if (key.isPresent()) {
            Optional<Layer> cached = cache.get().find(key.get());
            if (cached.isPresent()) {
                layout.importBlob(cache.get().blob(cached.get().descriptor().digest()), cached.get().descriptor().digest());
                progress.advance("layers", cached.get().tarSize());
                return cached.get();
            }
        }
        Layer written = layout.writeBlob(out -> LayerWriter.write(layer.contents(), compression, out, progress),
                w -> w.descriptor().digest());
        if (key.isPresent()) {
            cache.get().put(key.get(), written, layout.blob(written.descriptor().digest()));
        }
        return written;
    }

    private static String dockerLayerType(String ociType) {
        return switch (ociType) {
            case MediaTypes.OCI_LAYER_GZIP -> MediaTypes.DOCKER_LAYER_GZIP;
            case MediaTypes.OCI_LAYER_TAR -> "application/vnd.docker.image.rootfs.diff.tar";
            default -> throw new OciException("Docker manifests cannot carry " + ociType + " layers",
                    "use an OCI manifest, or gzip compression");
        };
    }

    private static Layer join(Future<Layer> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing layers", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }
}
