package dev.cairn.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.Stream;

/**
 * A content-addressed store on this host. Objects are immutable once added; this class
 * answers questions about them and hands the work of adding, verifying and collecting to
 * the classes that own each.
 */
public final class Store {
    private final StoreLayout layout;

    private Store(StoreLayout layout) {
        this.layout = layout;
    }

    /** Opens the store at {@code root}, creating its directories the first time. */
    public static Store open(Path root) {
        StoreLayout layout = new StoreLayout(root.toAbsolutePath().normalize());
        try {
            for (Path directory : List.of(layout.root(), layout.infoDirectory(), layout.temporary(),
                    layout.trash(), layout.gcRoots())) {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the store at " + layout.root() + ": " + e.getMessage(),
                    "set CAIRN_STORE to a directory you can write to", e);
        }
        return new Store(layout);
    }

    public Path root() {
        return layout.root();
    }

    public Path physicalPath(StorePath path) {
        return layout.object(path);
    }

    /**
     * Adds a build's output under the path its derivation named in advance (input-addressed),
     * canonicalised and scanned for references like any object, the output's own path
     * included. When the path is already valid, the store keeps what it has.
     */
    public ObjectInfo addOutput(Path source, StorePath path) {
        return addOutput(source, path, false);
    }

    /**
     * Adds the output of a build that ran outside the sandbox, recording that it did
     * ({@link ObjectInfo#unsandboxed()}).
     */
    public ObjectInfo addUnsandboxedOutput(Path source, StorePath path) {
        return addOutput(source, path, true);
    }

    private ObjectInfo addOutput(Path source, StorePath path, boolean unsandboxed) {
        try {
            return new ObjectAdder(this, layout).addAt(source, path, unsandboxed);
        } catch (IOException e) {
            throw new StoreException("cannot add " + source + " as " + path + ": " + e.getMessage(),
                    "check that it is readable and that the store at " + layout.root() + " has space", e);
        }
    }

    /** Adds a file or tree under the given name and returns what the store recorded. */
    public ObjectInfo add(Path source, String name) {
        return addSelected(source, name, null);
    }

    /**
     * Adds what {@code filter} keeps of a tree, without copying the rest anywhere first; a
     * directory with nothing kept below it is left out too, so the object, and its path,
     * depend only on the entries kept.
     */
    public ObjectInfo add(Path source, String name, TreeFilter filter) {
        return addSelected(source, name, Objects.requireNonNull(filter, "filter"));
    }

    /**
     * The object {@link #add(Path, String, TreeFilter)} would give, when the store has it already:
     * reads and hashes the tree, writes nothing. For sources added at every build, which mostly
     * have not changed.
     */
    public Optional<ObjectInfo> existing(Path source, String name, TreeFilter filter) {
        try {
            return new ObjectAdder(this, layout).existing(source, name, Objects.requireNonNull(filter, "filter"));
        } catch (IOException e) {
            throw new StoreException("cannot read " + source + ": " + e.getMessage(), "check that it is readable", e);
        }
    }

    private ObjectInfo addSelected(Path source, String name, TreeFilter filter) {
        try {
            return new ObjectAdder(this, layout).add(source, name, filter);
        } catch (IOException e) {
            throw new StoreException("cannot add " + source + ": " + e.getMessage(),
                    "check that it is readable and that the store at " + layout.root() + " has space", e);
        }
    }

    public boolean isValid(StorePath path) {
        return Files.exists(layout.object(path), LinkOption.NOFOLLOW_LINKS)
                && Files.exists(layout.info(path));
    }

    public Optional<ObjectInfo> find(StorePath path) {
        if (!isValid(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ObjectInfoCodec.decode(layout.info(path), Files.readAllBytes(layout.info(path))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object's metadata, or a clear error when it is not in this store. */
    public ObjectInfo info(StorePath path) {
        return find(path).orElseThrow(() -> new StoreException(path + " is not in the store at " + layout.root(),
                "add it with `cairn store add`, or check CAIRN_STORE"));
    }

    /** Every object in the store, in path order. */
    public List<StorePath> validPaths() {
        List<StorePath> paths = new ArrayList<>();
        try (Stream<Path> infos = Files.list(layout.infoDirectory())) {
            for (Path info : (Iterable<Path>) infos::iterator) {
                String name = info.getFileName().toString();
                if (name.endsWith(".json") && !name.startsWith(".")) {
                    StorePath path = StorePath.parse(name.substring(0, name.length() - 5));
                    if (Files.exists(layout.object(path), LinkOption.NOFOLLOW_LINKS)) {
                        paths.add(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        paths.sort(null);
        return paths;
    }

    /**
     * Reads a user's way of naming an object: its logical path, its bare base name, or its
     * physical path in this store (or anything inside one of those).
     */
    public StorePath resolve(String text) {
        Path physical = Path.of(text).toAbsolutePath().normalize();
        if (physical.startsWith(layout.root()) && physical.getNameCount() > layout.root().getNameCount()) {
            return StorePath.parse(physical.getName(layout.root().getNameCount()).toString());
        }
        String logical = text;
        if (text.startsWith(StorePath.STORE_DIR + "/")) {
            String rest = text.substring(StorePath.STORE_DIR.length() + 1);
            int slash = rest.indexOf('/');
            logical = slash < 0 ? rest : rest.substring(0, slash);
        }
        return StorePath.parse(logical);
    }

    public SortedSet<StorePath> closure(Collection<StorePath> start) {
        start.forEach(this::info);
        return Closure.of(start, path -> info(path).references());
    }

    /** The chain of references by which {@code from} pulls in {@code to}, if it does. */
    public Optional<List<StorePath>> why(StorePath from, StorePath to) {
        info(from);
        info(to);
        return Closure.chain(from, to, path -> info(path).references());
    }

    /** Damaged objects among {@code paths}; all objects when {@code paths} is empty. */
    public List<Corruption> verify(Collection<StorePath> paths) {
        return new StoreVerifier(this).verify(paths.isEmpty() ? validPaths() : paths);
    }

    public GcRoots roots() {
        return new GcRoots(this, layout);
    }

    public GcReport collectGarbage(boolean dryRun) {
        try {
            return new GarbageCollector(this, layout).collect(dryRun);
        } catch (IOException e) {
            throw new StoreException("garbage collection of " + layout.root() + " failed: " + e.getMessage(),
                    "run `cairn gc` again; it resumes where it stopped", e);
        }
    }
}
