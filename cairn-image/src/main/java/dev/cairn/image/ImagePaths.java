package dev.cairn.image;

import dev.cairn.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of an image's contents puts a path of its filesystem there, as the layers overlay each
 * other: the last entry that has it (the additions after the contents), through the symbolic
 * links of the image's own tree ({@code /bin} to {@code usr/bin}, an alternative in
 * {@code /etc/alternatives}). Reads the contents as planned, before anything is written; store
 * objects under {@code /cairn/store} are the store's to answer.
 */
public final class ImagePaths {
    /** More links than this on one path is a loop, as the kernel's own limit says. */
    private static final int MAX_LINKS = 40;
    private static final String STORE = dev.cairn.store.StorePath.STORE_DIR + "/";

    /**
     * One step to the path's content.
     *
     * @param path the absolute image path this step is at
     * @param provider the content that has it, or null for a path under {@code /cairn/store}
     *     (a store object's, which the store's references explain)
     * @param linkTarget the link's target when the entry is a symbolic link, else null
     */
    public record Step(String path, Content provider, String linkTarget) {}

    private final Store store;
    private final List<Content> contents;

    /** @param spec an image whose Debian packages are realised (package and store trees) */
    public ImagePaths(Store store, ImageSpec spec) {
        this.store = store;
        this.contents = new ArrayList<>(spec.contents());
        contents.addAll(spec.additions());
    }

    /**
     * The steps from {@code path} to what it is: the links followed on the way (as steps with a
     * target), then the content holding the entry itself. Empty when no content has the path.
     */
    public List<Step> find(String path) {
        List<Step> steps = new ArrayList<>();
        String current = normalise(path);
        for (int links = 0; links <= MAX_LINKS; links++) {
            if (current.startsWith(STORE)) {
                steps.add(new Step(current, null, null));
                return steps;
            }
            // An entry laid at the path itself answers before the links of its parents do.
            Optional<Step> step = at(current);
            String resolved = current;
            if (step.isEmpty()) {
                resolved = throughParents(current, steps);
                step = at(resolved);
            }
            if (step.isEmpty()) {
                return List.of();
            }
            steps.add(step.get());
            if (step.get().linkTarget() == null) {
                return steps;
            }
            current = against(resolved, step.get().linkTarget());
        }
        throw new ImageException(path + " leads through more than " + MAX_LINKS + " symbolic links in the image",
                "a link in the image points back at itself; check the contents that lay it");
    }

    /** {@code path} with every parent directory that is a link replaced by its target. */
    private String throughParents(String path, List<Step> steps) {
        String resolved = path;
        for (int links = 0; links <= MAX_LINKS; links++) {
            String[] parts = resolved.substring(1).split("/");
            String prefix = "";
            boolean replaced = false;
            for (int i = 0; i < parts.length - 1 && !replaced; i++) {
                prefix = prefix + "/" + parts[i];
                // A parent no tree has is implied by a content deeper down: a directory, not a link.
                Optional<Step> step = at(prefix);
                if (step.isPresent() && step.get().linkTarget() != null) {
                    steps.add(step.get());
                    String rest = String.join("/", java.util.Arrays.copyOfRange(parts, i + 1, parts.length));
                    resolved = normalise(against(prefix, step.get().linkTarget()) + "/" + rest);
                    replaced = true;
                }
            }
            if (!replaced) {
                return resolved;
            }
        }
        throw new ImageException(path + " leads through more than " + MAX_LINKS + " symbolic links in the image",
                "a link in the image points back at itself; check the contents that lay it");
    }

    /** The last content that has an entry at exactly {@code path}, with its link target if it is a link. */
    private Optional<Step> at(String path) {
        for (Content content : contents.reversed()) {
            Optional<Step> step = switch (content.source()) {
                case ContentSource.PackageTree tree -> inTree(store.physicalPath(tree.path()), content, path);
                case ContentSource.StoreTree tree -> inTree(store.physicalPath(tree.path()), content, path);
                case ContentSource.WorkspaceFile file -> inTree(file.path(), content, path);
                case ContentSource.Symlink link -> path.equals(normalise(content.imagePath()))
                        ? Optional.of(new Step(path, content, link.target())) : Optional.empty();
                case ContentSource.EmptyDirectory directory -> path.equals(normalise(content.imagePath()))
                        ? Optional.of(new Step(path, content, null)) : Optional.empty();
                // The object is in the store's layers; another image path is a link to it.
                case ContentSource.StoreObject object -> path.equals(normalise(content.imagePath()))
                        && !path.equals(object.path().toString())
                        ? Optional.of(new Step(path, content, object.path().toString())) : Optional.empty();
                case ContentSource.DebianPackages packages -> throw new IllegalStateException(
                        "Debian packages " + packages.request() + " are realised before paths are looked up");
            };
            if (step.isPresent()) {
                return step;
            }
        }
        return Optional.empty();
    }

    /** {@code path} in a tree laid at the content's image path (a file source is the entry at that path itself). */
    private static Optional<Step> inTree(Path root, Content content, String path) {
        String base = normalise(content.imagePath());
        String relative;
        if (path.equals(base)) {
            relative = "";
        } else if (path.startsWith(base.equals("/") ? "/" : base + "/")) {
            relative = path.substring(base.equals("/") ? 1 : base.length() + 1);
        } else {
            return Optional.empty();
        }
        if (relative.isEmpty() && base.equals("/")) {
            return Optional.empty();
        }
        Path entry = relative.isEmpty() ? root : root.resolve(relative);
        // A parent that is a link in the tree is the image's to follow, not the host's.
        for (Path parent = entry.getParent(); parent != null && parent.startsWith(root) && !parent.equals(root);
                parent = parent.getParent()) {
            if (Files.isSymbolicLink(parent)) {
                return Optional.empty();
            }
        }
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Step(path, content,
                    Files.isSymbolicLink(entry) ? Files.readSymbolicLink(entry).toString() : null));
        } catch (IOException e) {
            throw new ImageException("cannot read " + entry + ": " + e.getMessage(), "check that it is readable", e);
        }
    }

    /** A link's target as an absolute image path, relative targets taken from the link's directory. */
    private static String against(String link, String target) {
        if (target.startsWith("/")) {
            return normalise(target);
        }
        int slash = link.lastIndexOf('/');
        return normalise(link.substring(0, Math.max(slash, 0)) + "/" + target);
    }

    private static String normalise(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
