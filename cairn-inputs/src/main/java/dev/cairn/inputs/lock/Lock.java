package dev.cairn.inputs.lock;

import dev.cairn.inputs.InputsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every pinned input of a workspace: the Debian request sets and the packages they resolved
 * to, the Maven projects with the repository files their builds need, and the files fetched
 * packages are made from. Kept sorted, so the same resolution always writes the same bytes and
 * a diff of cairn.lock shows exactly what changed.
 *
 * @param fetchFiles the files of fetched packages, by repository and path
 */
public record Lock(List<LockedSet> sets, List<LockedPackage> packages, List<LockedMavenProject> mavenProjects,
        List<LockedFile> mavenFiles, List<LockedFile> fetchFiles) {
    public static final int FORMAT = 1;

    public Lock {
        sets = List.copyOf(new TreeSet<>(sets));
        packages = List.copyOf(new TreeSet<>(packages));
        mavenProjects = List.copyOf(new TreeSet<>(mavenProjects));
        Map<String, LockedFile> filesByPath = new TreeMap<>();
        for (LockedFile file : mavenFiles) {
            LockedFile known = filesByPath.put(file.path(), file);
            if (known != null && !known.equals(file)) {
                throw new InputsException("the lock's Maven file table has " + file.path() + " twice, differently",
                        "run `cairn lock` to write the lock again");
            }
        }
        mavenFiles = List.copyOf(filesByPath.values());
        Map<String, LockedFile> fetched = new TreeMap<>();
        for (LockedFile file : fetchFiles) {
            LockedFile known = fetched.put(file.location(), file);
            if (known != null && !known.equals(file)) {
                throw new InputsException("the lock's fetch table has " + file.location() + " twice, differently",
                        "run `cairn lock` to write the lock again");
            }
        }
        fetchFiles = List.copyOf(new TreeSet<>(fetched.values()));
        for (LockedMavenProject project : mavenProjects) {
            for (String path : project.files()) {
                if (!filesByPath.containsKey(path)) {
                    throw new InputsException("the lock's Maven project " + project.target() + " names " + path
                            + ", which is not in its file table", "run `cairn lock` to write the lock again");
                }
            }
        }
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

    /** A lock of Debian packages only. */
    public Lock(List<LockedSet> sets, List<LockedPackage> packages) {
        this(sets, packages, List.of(), List.of(), List.of());
    }

    public static Lock empty() {
        return new Lock(List.of(), List.of());
    }

    /** This lock's Debian part with exactly these Maven projects; files no project uses are dropped. */
    public Lock withMaven(Collection<LockedMavenProject> projects, Collection<LockedFile> files) {
        Set<String> used = new TreeSet<>();
        projects.forEach(project -> used.addAll(project.files()));
        return new Lock(sets, packages, List.copyOf(projects),
                files.stream().filter(file -> used.contains(file.path())).distinct().toList(), fetchFiles);
    }

    /** This lock with exactly these fetched files. */
    public Lock withFetches(Collection<LockedFile> files) {
        return new Lock(sets, packages, mavenProjects, mavenFiles, List.copyOf(files));
    }

    /** The pinned file at {@code path} of {@code repository} that a fetched package is made from, if any. */
    public Optional<LockedFile> fetched(String repository, String path) {
        return fetchFiles.stream().filter(file -> file.repository().equals(repository) && file.path().equals(path))
                .findFirst();
    }

    /** The locked Maven project of a package, if any. */
    public Optional<LockedMavenProject> mavenProject(String target) {
        return mavenProjects.stream().filter(project -> project.target().equals(target)).findFirst();
    }

    /** The files of a locked Maven project, from the file table. */
    public List<LockedFile> mavenFiles(LockedMavenProject project) {
        Map<String, LockedFile> byPath = new TreeMap<>();
        mavenFiles.forEach(file -> byPath.put(file.path(), file));
        return project.files().stream().map(byPath::get).toList();
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
