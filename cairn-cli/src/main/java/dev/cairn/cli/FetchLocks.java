package dev.cairn.cli;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.fetch.FetchRepositories;
import dev.cairn.inputs.fetch.FetchedFiles;
import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.inputs.lock.LockedFile;
import dev.cairn.packaging.spec.Fetch;
import dev.cairn.store.Store;
import dev.cairn.workspace.PackageTarget;
import dev.cairn.workspace.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The fetch part of {@code cairn.lock}: the file of every fetched package, pinned by SHA-256
 * and size under its repository's name and path, and the checks that a lock still answers the
 * workspace's fetched packages. A file already pinned stays as it is, without network: a
 * released file does not change, and the lock, not the mirror, says what it is.
 */
final class FetchLocks {
    private FetchLocks() {}

    /** The workspace's fetched packages, by address. */
    static Map<String, Fetch> packages(List<Target> targets) {
        Map<String, Fetch> packages = new TreeMap<>();
        for (Target target : targets) {
            if (target instanceof PackageTarget pkg && pkg.spec() instanceof Fetch fetch) {
                packages.put(pkg.address().toString(), fetch);
            }
        }
        return packages;
    }

    /** The fetcher of the user's configured repositories, the configuration read only when something is downloaded. */
    static FetchedFiles fetcher(Store store) {
        return new FetchedFiles(store, ImagePipeline.cacheRoot().resolve("fetch"),
                () -> FetchRepositories.fromEnvironment(System.getenv()), Transport.standard());
    }

    /**
     * {@code into} with exactly the files the workspace's fetched packages need: as {@code before}
     * pins them, new ones downloaded once.
     */
    static Lock lock(List<Target> targets, Lock before, Lock into, Consumer<String> log) {
        Map<String, LockedFile> pinned = new TreeMap<>();
        FetchedFiles fetcher = null;
        for (Fetch fetch : packages(targets).values()) {
            if (pinned.containsKey(fetch.location())) {
                continue;
            }
            LockedFile file = before.fetched(fetch.repository(), fetch.path()).orElse(null);
            if (file == null) {
                fetcher = fetcher == null ? fetcher(StoreCommand.open()) : fetcher;
                file = fetcher.pin(fetch.repository(), fetch.path(), log);
            }
            pinned.put(fetch.location(), file);
        }
        return into.withFetches(pinned.values());
    }

    /** The pinned file of a fetched package; fails asking for `cairn lock` when there is none. */
    static LockedFile file(Lock lock, String address, Fetch fetch) {
        return lock.fetched(fetch.repository(), fetch.path()).orElseThrow(() -> new InputsException(
                address + ": its file " + fetch.location() + " is not pinned in " + LockFile.FILE_NAME,
                "run `cairn lock` to download it once and record its SHA-256, then review and commit "
                        + LockFile.FILE_NAME));
    }

    /** What {@code cairn lock --check} finds wrong with the lock's fetch part. */
    static List<String> problems(Lock lock, List<Target> targets) {
        List<String> problems = new ArrayList<>();
        Set<String> wanted = new TreeSet<>();
        packages(targets).forEach((address, fetch) -> {
            wanted.add(fetch.location());
            if (lock.fetched(fetch.repository(), fetch.path()).isEmpty()) {
                problems.add(address + ": its file " + fetch.location() + " is not pinned in " + LockFile.FILE_NAME);
            }
        });
        lock.fetchFiles().stream().filter(file -> !wanted.contains(file.location()))
                .forEach(file -> problems.add(LockFile.FILE_NAME + " pins " + file.location()
                        + ", which no fetched package of the workspace uses"));
        return problems;
    }

    /** What changed in the fetch part, one line per file, like the other parts' diffs. */
    static List<String> diff(Lock before, Lock after) {
        List<String> lines = new ArrayList<>();
        Map<String, LockedFile> old = new TreeMap<>();
        before.fetchFiles().forEach(file -> old.put(file.location(), file));
        Map<String, LockedFile> now = new TreeMap<>();
        after.fetchFiles().forEach(file -> now.put(file.location(), file));
        old.keySet().stream().filter(location -> !now.containsKey(location))
                .forEach(location -> lines.add("- fetch " + location));
        now.forEach((location, file) -> {
            LockedFile known = old.get(location);
            if (known == null) {
                lines.add("+ fetch " + location + " (sha256 " + file.sha256() + ", " + file.size() + " bytes)");
            } else if (!known.equals(file)) {
                lines.add("~ fetch " + location + " (sha256 " + known.sha256() + " → " + file.sha256() + ")");
            }
        });
        return lines;
    }
}
