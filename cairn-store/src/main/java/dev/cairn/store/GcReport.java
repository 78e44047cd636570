package dev.cairn.store;

import java.util.List;

/**
 * What a collection removed, or would remove on a dry run: each object or stray file with
 * the bytes it held, and roots that name objects no longer in the store.
 */
public record GcReport(List<Removal> removals, List<String> danglingRoots, boolean dryRun) {
    public GcReport {
        removals = List.copyOf(removals);
        danglingRoots = List.copyOf(danglingRoots);
    }

    public long bytesFreed() {
        return removals.stream().mapToLong(Removal::bytes).sum();
    }

    /**
     * One thing removed: a store object (its logical path) or a stray file left by an
     * interrupted add (its physical path).
     */
    public record Removal(String what, long bytes, boolean storeObject) {}
}
