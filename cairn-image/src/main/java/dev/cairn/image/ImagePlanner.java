package dev.cairn.image;

import dev.cairn.oci.OciException;
import dev.cairn.oci.Platform;
import dev.cairn.oci.image.ContainerConfig;
import dev.cairn.oci.image.ImageRecipe;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layer.DirectoryTree;
import dev.cairn.oci.layer.LayerContents;
import dev.cairn.oci.layer.LayerEntry;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Turns an {@link ImageSpec} into an {@link ImageRecipe}: which layers hold what, and the
 * container config. Nothing is written here; the recipe is plain data, so the same spec and
 * inputs always plan the same image.
 *
 * <p>Layers: every store object of the contents' closure gets a layer of its own, under
 * {@code /cairn/store}, in path order, so images that share objects share those layers; each
 * workspace entry then gets one, in declaration order, so a later entry overrides an earlier
 * one at the same path (a {@link ContentSource.StoreTree}, such as a Debian package, is laid
 * at its image path, not under the store, but is still a layer of its own, so two images with
 * the same package share that layer). Past {@link #MAX_LAYERS}, the rest share the last layer.
 */
public final class ImagePlanner {
    /** containerd refuses more than 127; leave room for layers a base might add later. */
    public static final int MAX_LAYERS = 100;

    private final Store store;

    public ImagePlanner(Store store) {
        this.store = store;
    }

    public ImageRecipe plan(ImageSpec spec, Compression compression, String manifestMediaType) {
        List<ImageRecipe.RecipeLayer> layers = new ArrayList<>();
        for (StorePath object : storeClosure(spec)) {
            layers.add(new ImageRecipe.RecipeLayer("cairn store " + object,
                    new LayerContents().addAll(entries(store.physicalPath(object), object.toString(), null, 0, 0, spec))));
        }
        for (Content content : spec.contents()) {
            layers.add(new ImageRecipe.RecipeLayer(describe(content), layerFor(content, spec)));
        }
        return new ImageRecipe(capped(layers), containerConfig(spec), Platform.linux(spec.architecture()),
                Map.of("org.opencontainers.image.title", spec.name()), compression, manifestMediaType);
    }

    private SortedSet<StorePath> storeClosure(ImageSpec spec) {
        List<StorePath> roots = spec.contents().stream()
                .map(Content::source)
                .filter(ContentSource.StoreObject.class::isInstance)
                .map(source -> ((ContentSource.StoreObject) source).path())
                .toList();
        for (StorePath root : roots) {
            if (!store.isValid(root)) {
                throw new ImageException("image '" + spec.name() + "' contains " + root + ", which is not in the store at "
                        + store.root(), "build or add it first (`cairn store add`), or check CAIRN_STORE");
            }
        }
        return store.closure(roots);
    }

    private LayerContents layerFor(Content content, ImageSpec spec) {
        LayerContents contents = new LayerContents();
        switch (content.source()) {
            case ContentSource.WorkspaceFile file -> {
                if (!Files.exists(file.path(), LinkOption.NOFOLLOW_LINKS)) {
                    throw new ImageException("image '" + spec.name() + "': content '" + file.declaredAs()
                            + "' does not exist (" + file.path() + ")", "create it, or fix the path in the image's contents");
                }
                contents.addAll(entries(file.path(), content.imagePath(), content.mode(), content.uid(), content.gid(), spec));
            }
            case ContentSource.StoreObject object -> {
                // The object itself is in its own layer; a different image path gets a link to it.
                if (!content.imagePath().equals(object.path().toString())) {
                    contents.add(LayerEntry.symlink(layerPath(content.imagePath()), object.path().toString(),
                            content.uid(), content.gid()));
                }
            }
            case ContentSource.StoreTree tree -> {
                if (!store.isValid(tree.path())) {
                    throw new ImageException("image '" + spec.name() + "' lays out " + tree.path() + " (" + tree.label()
                            + "), which is not in the store at " + store.root(), "build the image again; cairn fetches it");
                }
                contents.addAll(entries(store.physicalPath(tree.path()), content.imagePath(), content.mode(),
                        content.uid(), content.gid(), spec));
            }
            case ContentSource.EmptyDirectory directory -> contents.add(LayerEntry.directory(
                    layerPath(content.imagePath()), content.mode() == null ? 0755 : content.mode(),
                    content.uid(), content.gid()));
            case ContentSource.DebianPackages packages -> throw new IllegalStateException("image '" + spec.name()
                    + "': Debian packages " + packages.request() + " reach the planner unresolved;"
                    + " the build realises them through cairn.lock first");
        }
        return contents;
    }

    private static List<LayerEntry> entries(Path source, String imagePath, Integer mode, int uid, int gid, ImageSpec spec) {
        try {
            return DirectoryTree.entries(source, layerPath(imagePath), mode, uid, gid);
        } catch (IOException e) {
            throw new ImageException("image '" + spec.name() + "': cannot read " + source + ": " + e.getMessage(),
                    "check that it exists and is readable", e);
        } catch (OciException e) {
            throw new ImageException("image '" + spec.name() + "': " + e.getMessage(), e.hint(), e);
        }
    }

    private static String layerPath(String imagePath) {
        String trimmed = imagePath.replaceAll("/+$", "");
        return trimmed.isEmpty() ? "" : trimmed.substring(1);
    }

    private static String describe(Content content) {
        String from = switch (content.source()) {
            case ContentSource.WorkspaceFile file -> file.declaredAs();
            case ContentSource.StoreObject object -> object.path().toString();
            case ContentSource.StoreTree tree -> tree.label() + " (" + tree.path() + ")";
            case ContentSource.EmptyDirectory directory -> "empty directory";
            case ContentSource.DebianPackages packages -> "debian " + String.join(" ", packages.request());
        };
        return "cairn contents " + from + " -> " + content.imagePath();
    }

    private static List<ImageRecipe.RecipeLayer> capped(List<ImageRecipe.RecipeLayer> layers) {
        List<ImageRecipe.RecipeLayer> nonEmpty = layers.stream().filter(l -> !l.contents().isEmpty()).toList();
        if (nonEmpty.size() <= MAX_LAYERS) {
            return nonEmpty;
        }
        List<ImageRecipe.RecipeLayer> kept = new ArrayList<>(nonEmpty.subList(0, MAX_LAYERS - 1));
        LayerContents rest = new LayerContents();
        for (ImageRecipe.RecipeLayer layer : nonEmpty.subList(MAX_LAYERS - 1, nonEmpty.size())) {
            rest.addAll(layer.contents().entries());
        }
        kept.add(new ImageRecipe.RecipeLayer("cairn: " + (nonEmpty.size() - MAX_LAYERS + 1) + " more, merged", rest));
        return kept;
    }

    private static ContainerConfig containerConfig(ImageSpec spec) {
        Map<String, ContainerConfig.EmptyObject> ports = new TreeMap<>();
        spec.ports().forEach(port -> ports.put(port.contains("/") ? port : port + "/tcp", new ContainerConfig.EmptyObject()));
        List<String> env = new ArrayList<>();
        new LinkedHashMap<>(spec.env()).forEach((name, value) -> env.add(name + "=" + value));
        return new ContainerConfig(spec.user(), ports, env, spec.entrypoint(), spec.cmd(), spec.workdir(),
                spec.labels(), spec.stopSignal());
    }
}
