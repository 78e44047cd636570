package dev.cairn.inputs.extract;

import dev.cairn.inputs.InputsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an archive entry goes, relative to the extraction root: normalised components, none
 * empty, {@code .} or {@code ..}, so that it cannot name anything outside the root. The root
 * itself has no components (an archive's {@code ./} entry).
 */
public record EntryPath(List<String> components) {
    public static final EntryPath ROOT = new EntryPath(List.of());

    public EntryPath {
        components = List.copyOf(components);
        for (String component : components) {
            if (component.isEmpty() || component.equals(".") || component.equals("..") || component.contains("/")) {
                throw new IllegalArgumentException("'" + component + "' is not a path component");
            }
        }
    }

    /**
     * Reads an entry's own name as the archive spells it ({@code ./usr/bin/x},
     * {@code usr/bin/x}, {@code usr//bin/x/}), refusing absolute names and {@code ..}
     * components.
     *
     * @param archive names the archive in messages
     */
    public static EntryPath parse(String archive, String entry) {
        return parse(archive, entry, entry, "");
    }

    /** Reads the name of the entry a hard link points at, in the archive's spelling. */
    public static EntryPath parseLinkTarget(String archive, String entry, String target) {
        return parse(archive, entry, target, "has hard link target '" + target + "' which ");
    }

    private static EntryPath parse(String archive, String entry, String name, String subject) {
        if (name.isEmpty()) {
            throw refused(archive, entry, subject + "is empty");
        }
        if (name.startsWith("/")) {
            throw refused(archive, entry, subject + "is an absolute path");
        }
        if (name.indexOf('\uFFFD') >= 0) {
            throw refused(archive, entry, subject + "is not valid UTF-8");
        }
        List<String> components = new ArrayList<>();
        for (String component : name.split("/")) {
            if (component.equals("..")) {
                throw refused(archive, entry, subject + "has a '..' component, which could escape the root");
            }
            if (!component.isEmpty() && !component.equals(".")) {
                components.add(component);
            }
        }
        return new EntryPath(components);
    }

    public boolean isRoot() {
        return components.isEmpty();
    }

    /** The directory holding it; the root's parent is the root. */
    public EntryPath parent() {
        return isRoot() ? this : new EntryPath(components.subList(0, components.size() - 1));
    }

    /** Its parent, the parent's parent and so on, outermost first, without the root. */
    public List<EntryPath> ancestors() {
        List<EntryPath> ancestors = new ArrayList<>();
        for (int i = 1; i < components.size(); i++) {
            ancestors.add(new EntryPath(components.subList(0, i)));
        }
        return ancestors;
    }

    public Path resolveIn(Path root) {
        return isRoot() ? root : root.resolve(toString());
    }

    @Override
    public String toString() {
        return isRoot() ? "." : String.join("/", components);
    }

    static InputsException refused(String archive, String entry, String problem) {
        return new InputsException(archive + ": entry '" + entry + "' " + problem,
                "the archive is damaged or hostile; cairn refuses it whole rather than extract part of it, "
                        + "so check where it came from");
    }
}
