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
import java.util.Set;
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
 * parts in layers of their own and merges the rest. An image's {@link ImageSpec#additions()} (a
 * debug variant's tools) are planned the same way after all that, in the layers left, so the
 * layers before them are exactly those of the image without them. Last, the image's
 * {@link ImageSpec#perms()} set modes and owners of the entries they match.
 */
public final class ImagePlanner {
    private final Store store;

    public ImagePlanner(Store store) {
        this.store = store;
    }

    public ImageRecipe plan(ImageSpec spec, Compression compression, String manifestMediaType) {
        Set<StorePath> laid = new TreeSet<>();
        List<ImageRecipe.RecipeLayer> layers = new ArrayList<>(part(spec.contents(), laid, spec.maxLayers(), spec, null));
        if (!spec.additions().isEmpty()) {
            layers.addAll(part(spec.additions(), laid, spec.maxLayers() - layers.size(), spec, layers.size()));
        }
        return new ImageRecipe(ImagePermissions.apply(spec.perms(), layers, spec.name()), containerConfig(spec),
                Platform.linux(spec.architecture()), annotations(spec), compression, manifestMediaType);
    }

    /**
     * The layers of one part of the image within {@code budget}: its store objects' closure (less
     * the objects {@code laid} already, to which this part's are added) and its other contents.
     *
     * @param before for the additions, how many layers the contents took; null for the contents
     */
    private List<ImageRecipe.RecipeLayer> part(List<Content> contents, Set<StorePath> laid, int budget, ImageSpec spec,
            Integer before) {
        List<PopularityLayering.Candidate> candidates = new ArrayList<>();
        SortedSet<StorePath> closure = storeClosure(contents, spec);
        closure.removeAll(laid);
        Map<StorePath, Integer> dependents = dependents(closure);
        for (StorePath object : closure) {
            candidates.add(new PopularityLayering.Candidate(new ImageRecipe.RecipeLayer("cairn store " + object,
                    new LayerContents().addAll(entries(store.physicalPath(object), object.toString(), null, 0, 0, spec))),
                    object.toString(), dependents.get(object)));
        }
        List<ImageRecipe.RecipeLayer> placed = new ArrayList<>();
        for (Content content : contents) {
            if (content.source() instanceof ContentSource.PackageTree tree && laid.contains(tree.path())) {
                continue;
            }
            ImageRecipe.RecipeLayer layer = new ImageRecipe.RecipeLayer(describe(content), layerFor(content, spec));
            if (content.source() instanceof ContentSource.PackageTree tree) {
                candidates.add(new PopularityLayering.Candidate(layer, tree.path().toString(), tree.dependents()));
            } else {
                placed.add(layer);
            }
        }
        laid.addAll(closure);
        for (Content content : contents) {
            switch (content.source()) {
                case ContentSource.PackageTree tree -> laid.add(tree.path());
                case ContentSource.StoreTree tree -> laid.add(tree.path());
                default -> { }
            }
        }
        if (before != null) {
            requireRoomForAdditions(candidates, placed, budget, before, spec);
        }
        return PopularityLayering.fit(candidates, placed, budget, spec.name());
    }

    /**
     * The additions may merge among themselves but never reach into the layers before them: when
     * they cannot fit even merged, the image is refused rather than layered unlike its standard
     * variant.
     */
    private static void requireRoomForAdditions(List<PopularityLayering.Candidate> candidates,
            List<ImageRecipe.RecipeLayer> placed, int budget, int before, ImageSpec spec) {
        long shareable = candidates.stream().filter(c -> !c.layer().contents().isEmpty()).count();
        long own = placed.stream().filter(l -> !l.contents().isEmpty()).count();
        // At the fewest, the shareable parts merge into one layer.
        long needed = own + (shareable > 0 ? 1 : 0);
        if (needed > budget) {
            throw new ImageException("image '" + spec.name() + "': its standard part takes " + before + " of its "
                    + spec.maxLayers() + " layers (maxLayers), which leaves " + Math.max(budget, 0)
                    + " for its debug additions; they need at least " + needed,
                    "raise maxLayers of this image and of its standard image alike (containerd accepts up to 127),"
                            + " so that both plan the standard part the same way with room to spare");
        }
    }

    private SortedSet<StorePath> storeClosure(List<Content> contents, ImageSpec spec) {
        List<StorePath> roots = contents.stream()
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
        for (Content content : contents) {
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
