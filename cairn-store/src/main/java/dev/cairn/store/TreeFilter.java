package dev.cairn.store;

/**
 * Which entries of a tree {@link Store#add(java.nio.file.Path, String, TreeFilter)} takes. The
 * walk asks top down, and only about entries whose directory was kept: what lies below a left
 * out directory is never read, so it may hold anything, sockets included.
 */
@FunctionalInterface
public interface TreeFilter {
    /**
     * @param relativePath the entry's path below the tree's root, names joined by {@code /},
     *     e.g. {@code src/main/App.java}
     * @param directory whether the entry is a directory; a symbolic link is not one, whatever
     *     it points to
     */
    boolean keeps(String relativePath, boolean directory);
}
