package dev.cairn.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Stream;

/**
 * Removes every object outside the closure of the GC roots, and whatever interrupted adds
 * left behind. Runs under the exclusive GC lock, so no add is half-way while it looks.
 * An object leaves by being renamed into the trash first, so readers never see it half
 * deleted; its metadata goes after it.
 */
final class GarbageCollector {
    private final Store store;
    private final StoreLayout layout;

    GarbageCollector(Store store, StoreLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    GcReport collect(boolean dryRun) throws IOException {
        try (GcLock.Held held = GcLock.of(layout.gcLock()).exclusive()) {
            List<StorePath> liveRoots = new ArrayList<>();
            List<String> dangling = new ArrayList<>();
            for (Map.Entry<String, StorePath> root : store.roots().list().entrySet()) {
                if (store.isValid(root.getValue())) {
                    liveRoots.add(root.getValue());
                } else {
                    dangling.add(root.getKey() + " -> " + root.getValue());
                }
            }
            SortedSet<StorePath> live = store.closure(liveRoots);

            List<GcReport.Removal> removals = new ArrayList<>();
            for (StorePath path : store.validPaths()) {
                if (!live.contains(path)) {
                    removals.add(new GcReport.Removal(path.toString(), TreeDeletion.size(layout.object(path)), true));
                    if (!dryRun) {
                        removeObject(path);
                    }
                }
            }
            for (Path stray : strays()) {
                removals.add(new GcReport.Removal(stray.toString(), TreeDeletion.size(stray), false));
                if (!dryRun) {
                    TreeDeletion.delete(stray);
                }
            }
            if (!dryRun) {
                removeOrphanedInfo();
            }
            return new GcReport(removals, dangling, dryRun);
        }
    }

    private void removeObject(StorePath path) throws IOException {
        Path parked = layout.trash().resolve(path.baseName());
        TreeDeletion.delete(parked);
        Files.move(layout.object(path), parked, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(layout.info(path));
        TreeDeletion.delete(parked);
    }

    /** Files in the store that are not objects: leftovers of adds and collections that died. */
    private List<Path> strays() throws IOException {
        Set<StorePath> valid = Set.copyOf(store.validPaths());
        List<Path> strays = new ArrayList<>();
        try (Stream<Path> top = Files.list(layout.root())) {
            top.filter(entry -> !entry.equals(layout.state()))
                    .filter(entry -> !isValidObject(entry, valid))
                    .forEach(strays::add);
        }
        for (Path scratch : List.of(layout.temporary(), layout.trash())) {
            try (Stream<Path> leftovers = Files.list(scratch)) {
                leftovers.forEach(strays::add);
            }
        }
        return strays.stream().sorted().toList();
    }

    private static boolean isValidObject(Path entry, Set<StorePath> valid) {
        try {
            return valid.contains(StorePath.parse(entry.getFileName().toString()));
        } catch (StoreException notAStorePath) {
            return false;
        }
    }

    private void removeOrphanedInfo() throws IOException {
        try (Stream<Path> infos = Files.list(layout.infoDirectory())) {
            for (Path info : (Iterable<Path>) infos::iterator) {
                String name = info.getFileName().toString();
                boolean orphan = name.startsWith(".tmp-") || !name.endsWith(".json")
                        || !Files.exists(layout.root().resolve(name.substring(0, name.length() - 5)),
                                java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (orphan) {
                    Files.deleteIfExists(info);
                }
            }
        }
    }
}
