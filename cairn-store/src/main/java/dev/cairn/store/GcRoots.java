package dev.cairn.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named garbage-collector roots: symlinks in {@code .cairn/gcroots/} to the logical paths
 * of the objects they keep alive, so {@code ls -l} shows what each root holds.
 */
public final class GcRoots {
    private static final Pattern ROOT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+\\-._@=]*");
    private final Store store;
    private final StoreLayout layout;

    GcRoots(Store store, StoreLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /** Makes {@code name} keep {@code path} (and its closure) alive, replacing what it kept before. */
    public void add(String name, StorePath path) throws IOException {
        validate(name);
        try (GcLock.Held held = GcLock.of(layout.gcLock()).shared()) {
            store.info(path);
            Path link = layout.gcRoots().resolve(name);
            Path temporary = layout.gcRoots().resolve(".tmp-" + name + "-" + ProcessHandle.current().pid());
            Files.deleteIfExists(temporary);
            Files.createSymbolicLink(temporary, Path.of(path.toString()));
            Files.move(temporary, link, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    public boolean remove(String name) throws IOException {
        validate(name);
        return Files.deleteIfExists(layout.gcRoots().resolve(name));
    }

    /** Every root by name. A root whose link does not name a store path is reported, not skipped. */
    public SortedMap<String, StorePath> list() throws IOException {
        SortedMap<String, StorePath> roots = new TreeMap<>();
        try (Stream<Path> links = Files.list(layout.gcRoots())) {
            for (Path link : (Iterable<Path>) links::iterator) {
                String name = link.getFileName().toString();
                if (name.startsWith(".tmp-")) {
                    continue;
                }
                if (!Files.isSymbolicLink(link)) {
                    throw new StoreException("GC root " + link + " is not a symlink",
                            "remove it; roots are made with `cairn store root add`");
                }
                roots.put(name, StorePath.parse(Files.readSymbolicLink(link).toString()));
            }
        }
        return roots;
    }

    private static void validate(String name) {
        if (!ROOT_NAME.matcher(name).matches()) {
            throw new StoreException("'" + name + "' is not a root name",
                    "a root name starts with a letter or digit and has only A-Z a-z 0-9 + - . _ @ =");
        }
    }
}
