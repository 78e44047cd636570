package dev.cairn.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/** Closures and reference chains over a reference graph, independent of where it comes from. */
public final class Closure {
    private Closure() {}

    /** Every path reachable from {@code start}, the start included. */
    public static SortedSet<StorePath> of(Collection<StorePath> start, Function<StorePath, Set<StorePath>> references) {
        SortedSet<StorePath> seen = new TreeSet<>();
        Deque<StorePath> pending = new ArrayDeque<>(start);
        while (!pending.isEmpty()) {
            StorePath next = pending.pop();
            if (seen.add(next)) {
                pending.addAll(references.apply(next));
            }
        }
        return Collections.unmodifiableSortedSet(seen);
    }

    /**
     * The shortest chain of references from {@code from} to {@code to}, both included; among
     * equally short chains, the one that is first in path order, so the answer is stable.
     */
    public static Optional<List<StorePath>> chain(
            StorePath from, StorePath to, Function<StorePath, Set<StorePath>> references) {
        Map<StorePath, StorePath> parent = new HashMap<>();
        Deque<StorePath> queue = new ArrayDeque<>();
        queue.add(from);
        parent.put(from, from);
        while (!queue.isEmpty()) {
            StorePath current = queue.poll();
            if (current.equals(to)) {
                List<StorePath> chain = new ArrayList<>();
                for (StorePath p = to; !p.equals(from); p = parent.get(p)) {
                    chain.add(p);
                }
                chain.add(from);
                Collections.reverse(chain);
                return Optional.of(chain);
            }
            for (StorePath reference : new TreeSet<>(references.apply(current))) {
                if (parent.putIfAbsent(reference, current) == null) {
                    queue.add(reference);
                }
            }
        }
        return Optional.empty();
    }
}
