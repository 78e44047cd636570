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
import java.util.TreeSet;

/**
 * Turns an {@link ImageSpec} into an {@link ImageRecipe}: which layers hold what, and the
 * container config. Nothing is written here; the recipe is plain data, so the same spec and
 * inputs always plan the same image.
 *
 * <p>Layers: the shareable parts come first, each in a layer of its own so that images having
 * the same part share that layer — every store object of the contents' closure (under
 * {@code /cairn/store}, in path order), then every package tree (a Debian package's files at
 * their FHS paths, in declaration order). The other contents follow, one layer each, in
 * declaration order, so a later entry overrides an earlier one at the same path. Past the
 * image's {@link ImageSpec#maxLayers()}, {@link PopularityLayering} keeps the most depended-on
 * parts in layers of their own and merges the rest.
 */
public final class ImagePlanner {
    private final Store store;

    public ImagePlanner(Store store) {
        this.store = store;
    }

    public ImageRecipe plan(ImageSpec spec, Compression compression, String manifestMediaType) {
        List<PopularityLayering.Candidate> candidates = new ArrayList<>();
        SortedSet<StorePath> closure = storeClosure(spec);
        Map<StorePath, Integer> dependents = dependents(closure);
        for (StorePath object : closure) {
            candidates.add(new PopularityLayering.Candidate(new ImageRecipe.RecipeLayer("cairn store " + object,
                    new LayerContents().addAll(entries(store.physicalPath(object), object.toString(), null, 0, 0, spec))),
                    object.toString(), dependents.get(object)));
        }
        List<ImageRecipe.RecipeLayer> placed = new ArrayList<>();
        for (Content content : spec.contents()) {
            ImageRecipe.RecipeLayer layer = new ImageRecipe.RecipeLayer(describe(content), layerFor(content, spec));
            if (content.source() instanceof ContentSource.PackageTree tree) {
                candidates.add(new PopularityLayering.Candidate(layer, tree.path().toString(), tree.dependents()));
            } else {
                placed.add(layer);
            }
        }
        List<ImageRecipe.RecipeLayer> layers = PopularityLayering.fit(candidates, placed, spec.maxLayers(), spec.name());
        return new ImageRecipe(layers, containerConfig(spec), Platform.linux(spec.architecture()),
                annotations(spec), compression, manifestMediaType);
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
        // Objects laid out as trees (Debian packages at /) are in the image already; an object
        // naming them (an operable's description) does not put a second copy under /cairn/store.
        SortedSet<StorePath> closure = new TreeSet<>(store.closure(roots));
        for (Content content : spec.contents()) {
            switch (content.source()) {
                case ContentSource.PackageTree tree -> closure.remove(tree.path());
                case ContentSource.StoreTree tree -> closure.remove(tree.path());
                default -> { }
            }
        }
        return closure;
    }

    /**
     * For each object of {@code closure}, how many others in it reach it through their references:
     * the most depended-on objects (a JRE's libraries, a shared jar) are the likeliest to be in
     * other images too.
     */
    private Map<StorePath, Integer> dependents(SortedSet<StorePath> closure) {
        Map<StorePath, Integer> counts = new TreeMap<>();
        closure.forEach(object -> counts.put(object, 0));
        for (StorePath object : closure) {
            for (StorePath reached : store.closure(List.of(object))) {
                if (!reached.equals(object) && counts.containsKey(reached)) {
                    counts.merge(reached, 1, Integer::sum);
                }
            }
        }
        return counts;
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
            case ContentSource.StoreTree tree -> contents.addAll(treeEntries(tree.path(), tree.label(), content, spec));
            case ContentSource.PackageTree tree -> contents.addAll(treeEntries(tree.path(), tree.label(), content, spec));
            case ContentSource.Symlink link -> contents.add(LayerEntry.symlink(layerPath(content.imagePath()), link.target(),
                    content.uid(), content.gid()));
            case ContentSource.EmptyDirectory directory -> contents.add(LayerEntry.directory(
                    layerPath(content.imagePath()), content.mode() == null ? 0755 : content.mode(),
                    content.uid(), content.gid()));
            case ContentSource.DebianPackages packages -> throw new IllegalStateException("image '" + spec.name()
                    + "': Debian packages " + packages.request() + " reach the planner unresolved;"
                    + " the build realises them through cairn.lock first");
        }
        return contents;
    }

    private List<LayerEntry> treeEntries(StorePath path, String label, Content content, ImageSpec spec) {
        if (!store.isValid(path)) {
            throw new ImageException("image '" + spec.name() + "' lays out " + path + " (" + label
                    + "), which is not in the store at " + store.root(), "build the image again; cairn fetches it");
        }
        return entries(store.physicalPath(path), content.imagePath(), content.mode(), content.uid(), content.gid(), spec);
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
            case ContentSource.PackageTree tree -> tree.label() + " (" + tree.path() + ")";
            case ContentSource.Symlink link -> "link to " + link.target();
            case ContentSource.EmptyDirectory directory -> "empty directory";
            case ContentSource.DebianPackages packages -> "debian " + String.join(" ", packages.request());
        };
        return "cairn contents " + from + " -> " + content.imagePath();
    }

    /**
     * The manifest's annotations: the title, and the image's OCI labels
     * ({@code org.opencontainers.image.*}: source, revision, created), which registries and
     * scanners read from the manifest without fetching the config.
     */
    private static Map<String, String> annotations(ImageSpec spec) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("org.opencontainers.image.title", spec.name());
        spec.labels().forEach((key, value) -> {
            if (key.startsWith("org.opencontainers.image.")) {
                annotations.put(key, value);
            }
        });
        return annotations;
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
