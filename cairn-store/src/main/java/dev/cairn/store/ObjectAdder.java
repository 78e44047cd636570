package dev.cairn.store;

import dev.cairn.store.nar.FileTree;
import dev.cairn.store.nar.NarDump;
import dev.cairn.store.nar.NarWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Adds a tree to the store: copy it canonically into a private temporary directory while
 * hashing and scanning it, name it by its content, record its metadata, then rename it into
 * place. The rename is the commit: before it nothing is visible, and metadata is written
 * first, so a visible object always has its metadata. Two adders of the same tree both end
 * with the one object, identical whoever renamed first.
 */
final class ObjectAdder {
    private final Store store;
    private final StoreLayout layout;

    ObjectAdder(Store store, StoreLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /** {@code filter} null: the whole tree. */
    ObjectInfo add(Path source, String name, TreeFilter filter) throws IOException {
        StorePath.validateName(name);
        try (GcLock.Held held = GcLock.of(layout.gcLock()).shared()) {
            Path workspace = Files.createTempDirectory(layout.temporary(), "add-");
            try {
                return addVia(workspace, source, name, filter);
            } finally {
                TreeDeletion.delete(workspace);
            }
        }
    }

    /**
     * The object {@link #add} would make of the tree, when the store has it: the tree is read and
     * hashed, nothing is written. Adding the same sources again is then a read, not a copy.
     */
    Optional<ObjectInfo> existing(Path source, String name, TreeFilter filter) throws IOException {
        StorePath.validateName(name);
        Map<String, StorePath> candidates = candidates();
        NarSink sink = new NarSink(candidates.keySet());
        NarDump.dump(source, filter, sink);
        return store.find(ContentAddress.sourcePath(sink.hash(), name, references(sink, candidates)));
    }

    ObjectInfo addAt(Path source, StorePath path, boolean unsandboxed) throws IOException {
        try (GcLock.Held held = GcLock.of(layout.gcLock()).shared()) {
            if (store.isValid(path)) {
                return store.info(path);
            }
            Path workspace = Files.createTempDirectory(layout.temporary(), "add-");
            try {
                Map<String, StorePath> candidates = candidates();
                candidates.put(path.hashPart(), path);
                Path copy = workspace.resolve("object");
                NarSink sink = copy(source, null, copy, candidates);
                return commit(copy, new ObjectInfo(path, sink.hash(), sink.size(), references(sink, candidates),
                        unsandboxed));
            } finally {
                TreeDeletion.delete(workspace);
            }
        }
    }

    private Map<String, StorePath> candidates() {
        return store.validPaths().stream()
                .collect(Collectors.toMap(StorePath::hashPart, Function.identity(), (a, b) -> a, HashMap::new));
    }

    private static NarSink copy(Path source, TreeFilter filter, Path copy, Map<String, StorePath> candidates)
            throws IOException {
        NarSink sink = new NarSink(candidates.keySet());
        NarWriter nar = new NarWriter(sink);
        nar.start();
        ObjectCopier copier = new ObjectCopier(copy, nar);
        if (filter == null) {
            FileTree.walk(source, copier);
        } else {
            FileTree.walk(source, filter, copier);
        }
        return sink;
    }

    private ObjectInfo addVia(Path workspace, Path source, String name, TreeFilter filter) throws IOException {
        Map<String, StorePath> candidates = candidates();
        Path copy = workspace.resolve("object");
        NarSink sink = copy(source, filter, copy, candidates);
        SortedSet<StorePath> references = references(sink, candidates);
        NarHash narHash = sink.hash(); // once: the digest resets when read
        StorePath path = ContentAddress.sourcePath(narHash, name, references);
        return commit(copy, new ObjectInfo(path, narHash, sink.size(), references));
    }

    private static SortedSet<StorePath> references(NarSink sink, Map<String, StorePath> candidates) {
        SortedSet<StorePath> references = new TreeSet<>();
        sink.referencedHashParts().forEach(hashPart -> references.add(candidates.get(hashPart)));
        return references;
    }

    /** Records the metadata, then renames the copy into place: the rename is the commit. */
    private ObjectInfo commit(Path copy, ObjectInfo info) throws IOException {
        StorePath path = info.path();
        if (store.isValid(path)) {
            return store.info(path);
        }
        AtomicFile.write(layout.info(path), ObjectInfoCodec.encode(info));
        try {
            Files.move(copy, layout.object(path), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            // Another adder renamed the same object into place first (Linux says ENOTEMPTY,
            // which Java reports as a plain FileSystemException); theirs is identical to ours.
            if (!store.isValid(path)) {
                throw raced;
            }
        }
        return info;
    }
}
