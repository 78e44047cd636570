package dev.cairn.inputs.lock;

import dev.cairn.inputs.InputsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every pinned input of a workspace: today the Debian request sets and the packages they
 * resolved to. Kept sorted, so the same resolution always writes the same bytes and a diff
 * of cairn.lock shows exactly what changed.
 */
public record Lock(List<LockedSet> sets, List<LockedPackage> packages) {
    public static final int FORMAT = 1;

    public Lock {
        sets = List.copyOf(new TreeSet<>(sets));
        packages = List.copyOf(new TreeSet<>(packages));
        Map<String, LockedPackage> byKey = new TreeMap<>();
        packages.forEach(p -> byKey.put(p.key(), p));
        for (LockedSet set : sets) {
            for (String key : set.packages()) {
                if (!byKey.containsKey(key)) {
                    throw new InputsException("the lock's set " + set.request() + " names " + key
                            + ", which is not in its package table", "run `cairn lock` to write the lock again");
                }
            }
        }
    }

    public static Lock empty() {
        return new Lock(List.of(), List.of());
    }

    /** The locked closure of a request, if this lock has one for exactly that request. */
    public Optional<List<LockedPackage>> resolved(String architecture, List<String> request) {
        Map<String, LockedPackage> byKey = new TreeMap<>();
        packages.forEach(p -> byKey.put(p.key(), p));
        return sets.stream()
                .filter(set -> set.answers(architecture, request))
                .findFirst()
                .map(set -> set.packages().stream().map(byKey::get).toList());
    }

    /** A lock holding exactly these sets; packages no set uses are dropped. */
    public static Lock of(Map<LockedSet, Collection<LockedPackage>> resolutions) {
        Map<String, LockedPackage> table = new TreeMap<>();
        List<LockedSet> sets = new ArrayList<>();
        resolutions.forEach((set, closure) -> {
            sets.add(set);
            closure.forEach(p -> table.merge(p.key(), p, (a, b) -> {
                if (!a.equals(b)) {
                    throw new InputsException(p.key() + " resolved to two different files (" + a.path() + ", " + b.path()
                            + ")", "the repositories disagree about one version; pin one repository for it");
                }
                return a;
            }));
        });
        return new Lock(sets, List.copyOf(table.values()));
    }
}
