package dev.cairn.packaging.derivation;

import dev.cairn.store.StorePath;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Store objects placed at relative paths of one read-only directory, which the build sees at
 * {@code path}: a Maven repository of the locked jars and poms, each its own object. The sandbox
 * binds the whole tree once instead of each object at its store path; a tree's objects are seen
 * only in it. bubblewrap's cost per mount grows with the mounts already made, so three hundred
 * jars bound one by one take longer to set up than Maven takes to start.
 *
 * @param path absolute, outside {@code /cairn/store} and {@code /build}, e.g. {@code /cairn/maven-repository}
 * @param entries each object by the relative path it lies at in the tree
 */
public record InputTree(String path, SortedMap<String, StorePath> entries) {
    private static final Pattern SEGMENT = Pattern.compile("[^/\\x00]+");

    public InputTree {
        if (!path.startsWith("/cairn/") || path.startsWith(StorePath.STORE_DIR) || !isRelative(path.substring(1))) {
            throw new IllegalArgumentException("an input tree lies under /cairn/, outside " + StorePath.STORE_DIR
                    + ", at a normal absolute path: " + path);
        }
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        String previous = null;
        for (String entry : entries.keySet()) {
            if (!isRelative(entry)) {
                throw new IllegalArgumentException("an input tree's entry is a normal relative path: " + entry);
            }
            // Sorted, a directory's entries follow it at once: an object cannot also be a directory of others.
            if (previous != null && entry.startsWith(previous + "/")) {
                throw new IllegalArgumentException("input tree entries " + previous + " and " + entry + " overlap");
            }
            previous = entry;
        }
    }

    /** As a derivation's description holds it: store paths as text. */
    Map<String, Object> description() {
        SortedMap<String, String> described = new TreeMap<>();
        entries.forEach((entry, object) -> described.put(entry, object.toString()));
        return Map.of("path", path, "entries", described);
    }

    private static boolean isRelative(String path) {
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
