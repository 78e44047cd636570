package dev.cairn.oci.layout;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cairn.oci.OciJson;
import dev.cairn.oci.Progress;
import dev.cairn.oci.image.ImageIndex;
import dev.cairn.oci.image.ImageRecipe;
import dev.cairn.oci.image.ImageWriter;
import dev.cairn.oci.image.WrittenImage;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layer.DirectoryTree;
import dev.cairn.oci.layer.Layer;
import dev.cairn.oci.layer.LayerCache;
import dev.cairn.oci.layer.LayerContents;
import dev.cairn.oci.layer.LayerWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one image to a destination in one of the {@link OutputFormat}s. Everything is
 * written beside the destination under a temporary name and moved into place at the end,
 * so a failed or killed build never leaves a half-written layout or archive behind.
 */
public final class LayoutOutput {
    /** The annotation by which layouts name their images (umoci's and skopeo's {@code :tag}). */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** The name Docker's {@code load} gives an image from an OCI layout. */
    public static final String CONTAINERD_NAME = "io.containerd.image.name";

    private LayoutOutput() {}

    /**
     * @param refName the tag the layout's index gives the image
     * @param repoTags the names {@code docker load} and {@code podman load} give it (docker-archive
     *     only): podman reads the first from the index's ref name, Docker from containerd's annotation
     *     and older Dockers from {@code manifest.json}
     */
    public static WrittenImage write(Path destination, OutputFormat format, ImageRecipe recipe, String refName,
            List<String> repoTags) throws IOException {
        return write(destination, format, recipe, refName, repoTags, Progress.NONE, Optional.empty());
    }

    public static WrittenImage write(Path destination, OutputFormat format, ImageRecipe recipe, String refName,
            List<String> repoTags, Progress progress, Optional<LayerCache> cache) throws IOException {
        Path parent = destination.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + destination.getFileName() + ".tmp-");
        try {
            OciLayout layout = OciLayout.create(staging);
            ImageRecipe effective = format == OutputFormat.DOCKER_ARCHIVE
                    ? withCompression(recipe, Compression.NONE) : recipe;
            WrittenImage image = ImageWriter.write(layout, effective, progress, cache);
            Map<String, String> names = format == OutputFormat.DOCKER_ARCHIVE && !repoTags.isEmpty()
                    ? Map.of(REF_NAME, repoTags.getFirst(), CONTAINERD_NAME, repoTags.getFirst())
                    : Map.of(REF_NAME, refName);
            layout.writeIndex(ImageIndex.of(List.of(image.manifest().withAnnotations(names))));
            if (format == OutputFormat.DOCKER_ARCHIVE) {
                writeDockerManifest(staging, image, repoTags);
            }
            if (format == OutputFormat.OCI) {
                replaceDirectory(staging, destination);
            } else {
                writeArchive(staging, destination);
            }
            return image;
        } finally {
            deleteTree(staging);
        }
    }

    private static ImageRecipe withCompression(ImageRecipe recipe, Compression compression) {
        return new ImageRecipe(recipe.layers(), recipe.config(), recipe.platform(), recipe.annotations(), compression,
                recipe.manifestMediaType());
    }

    record DockerManifestEntry(
            @JsonProperty("Config") String config,
            @JsonProperty("RepoTags") List<String> repoTags,
            @JsonProperty("Layers") List<String> layers) {}

    private static void writeDockerManifest(Path layout, WrittenImage image, List<String> repoTags) throws IOException {
        DockerManifestEntry entry = new DockerManifestEntry(
                "blobs/sha256/" + image.config().digest().encoded(),
                List.copyOf(repoTags),
                image.layers().stream().map(Layer::descriptor).map(d -> "blobs/sha256/" + d.digest().encoded()).toList());
        Files.write(layout.resolve("manifest.json"), OciJson.bytes(List.of(entry)));
    }

    /** A reproducible tar of the layout: the same tar writer as layers, without compression. */
    private static void writeArchive(Path layout, Path destination) throws IOException {
        LayerContents contents = new LayerContents().addAll(DirectoryTree.entries(layout, "", 0644, 0, 0));
        Path temporary = Files.createTempFile(destination.toAbsolutePath().getParent(),
                "." + destination.getFileName() + ".tmp-", ".tar");
        try {
            LayerWriter.writeTar(contents, new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16), Progress.NONE);
            if (Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(destination);
            }
            Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Puts the new layout in place; the old one, if any, is moved aside first and then removed. */
    private static void replaceDirectory(Path staging, Path destination) throws IOException {
        Path old = null;
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            old = destination.resolveSibling("." + destination.getFileName() + ".old-" + ProcessHandle.current().pid());
            deleteTree(old);
            Files.move(destination, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Removes a directory tree, or a file; nothing when it is absent. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
