package dev.cairn.inputs.debian.pin;

import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.inputs.lock.LockedSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two locks, one line per change, the way a reviewer reads it:
 * {@code + libfoo 1.2-1 (amd64)}, {@code - libbar 3-1 (amd64)}, {@code ~ libc6 2.36-9 -> 2.36-9+deb12u1 (amd64)},
 * and sets asked for or no longer asked for.
 */
public record LockDiff(List<String> lines) {
    public LockDiff {
        lines = List.copyOf(lines);
    }

    public static LockDiff between(Lock before, Lock after) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> beforeSets = describe(before.sets());
        TreeSet<String> afterSets = describe(after.sets());
        afterSets.stream().filter(set -> !beforeSets.contains(set)).forEach(set -> lines.add("+ set " + set));
        beforeSets.stream().filter(set -> !afterSets.contains(set)).forEach(set -> lines.add("- set " + set));
        Map<String, List<String>> was = versions(before);
        Map<String, List<String>> now = versions(after);
        TreeSet<String> names = new TreeSet<>(was.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            List<String> old = was.getOrDefault(name, List.of());
            List<String> current = now.getOrDefault(name, List.of());
            if (old.equals(current)) {
                continue;
            }
            String[] key = name.split(" ", 2);
            if (old.isEmpty()) {
                lines.add("+ " + key[0] + " " + String.join(", ", current) + " " + key[1]);
            } else if (current.isEmpty()) {
                lines.add("- " + key[0] + " " + String.join(", ", old) + " " + key[1]);
            } else {
                lines.add("~ " + key[0] + " " + String.join(", ", old) + " -> " + String.join(", ", current) + " " + key[1]);
            }
        }
        // A file moved or re-hashed at the same version is worth saying: it should never happen.
        Map<String, LockedPackage> oldFiles = new TreeMap<>();
        before.packages().forEach(p -> oldFiles.put(p.key() + " " + p.architecture(), p));
        for (LockedPackage p : after.packages()) {
            LockedPackage old = oldFiles.get(p.key() + " " + p.architecture());
            if (old != null && !old.equals(p)) {
                lines.add("! " + p.name() + " " + p.version() + " (" + p.architecture() + ") is now "
                        + p.repository() + "/" + p.path() + " sha256:" + p.sha256() + ", was " + old.repository() + "/"
                        + old.path() + " sha256:" + old.sha256());
            }
        }
        return new LockDiff(lines);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    private static TreeSet<String> describe(List<LockedSet> sets) {
        TreeSet<String> described = new TreeSet<>();
        sets.forEach(set -> described.add(String.join(" ", set.request()) + " (" + set.architecture() + ")"));
        return described;
    }

    /** {@code "name (arch)"} → its versions in the lock. */
    private static Map<String, List<String>> versions(Lock lock) {
        Map<String, List<String>> versions = new TreeMap<>();
        for (LockedPackage p : lock.packages()) {
            versions.computeIfAbsent(p.name() + " (" + p.architecture() + ")", k -> new ArrayList<>()).add(p.version());
        }
        return versions;
    }
}
