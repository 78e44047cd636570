package dev.cairn.cli;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.pin.PackageRealizer;
import dev.cairn.inputs.debian.pin.RealizedPackage;
import dev.cairn.inputs.debian.pin.RealizedPackages;
import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.inputs.lock.LockedFile;
import dev.cairn.inputs.lock.LockedMavenProject;
import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.inputs.maven.MavenRepositories;
import dev.cairn.inputs.maven.PomFingerprint;
import dev.cairn.packaging.derivation.MergedRootfs;
import dev.cairn.packaging.maven.MavenLocking;
import dev.cairn.packaging.maven.MavenSteps;
import dev.cairn.packaging.sandbox.Sandbox;
import dev.cairn.packaging.spec.MavenBuild;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import dev.cairn.workspace.PackageTarget;
import dev.cairn.workspace.Target;
import dev.cairn.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The Maven part of {@code cairn.lock}: each Maven package's locking run, and the checks that
 * a lock still answers the workspace's Maven packages (their poms unchanged since).
 */
final class MavenLocks {
    private MavenLocks() {}

    /** The workspace's Maven packages, by address. */
    static Map<String, MavenBuild> packages(List<Target> targets) {
        Map<String, MavenBuild> packages = new TreeMap<>();
        for (Target target : targets) {
            if (target instanceof PackageTarget pkg && pkg.spec() instanceof MavenBuild maven) {
                packages.put(pkg.address().toString(), maven);
            }
        }
        return packages;
    }

    /** Where the lock's Maven repositories are: cairn.pkl's addresses, else the machine's Maven configuration. */
    static MavenRepositories repositories(Workspace workspace) {
        Optional<Path> mavenHome = Optional.ofNullable(System.getenv("MAVEN_HOME")).filter(home -> home.startsWith("/"))
                .map(Path::of);
        return MavenRepositories.of(workspace.mavenRepositories(), Path.of(System.getProperty("user.home")), mavenHome);
    }

    /**
     * {@code debianLock} with a Maven section: every Maven package of the workspace built once
     * with network, its JDK and Maven realised from {@code debianLock}.
     */
    static Lock lock(Workspace workspace, Lock debianLock, Consumer<String> log) {
        Map<String, MavenBuild> packages = packages(workspace.targets());
        if (packages.isEmpty()) {
            return debianLock;
        }
        MavenRepositories repositories = repositories(workspace);
        Store store = StoreCommand.open();
        Path cache = ImagePipeline.cacheRoot();
        PackageRealizer realizer = new PackageRealizer(store, cache.resolve("debian"),
                () -> workspace.archiveSettings().resolveRepositories(), dev.cairn.inputs.debian.archive.Transport.standard());
        MavenLocking locking = new MavenLocking(Sandbox.find(System.getenv("PATH")), cache.resolve("maven/tmp"));
        List<LockedMavenProject> projects = new ArrayList<>();
        List<LockedFile> files = new ArrayList<>();
        for (Map.Entry<String, MavenBuild> entry : packages.entrySet()) {
            MavenBuild spec = entry.getValue();
            RealizedPackages tools = realizer.realize(tools(debianLock, entry.getKey(), spec), log);
            List<StorePath> rootfs = new ArrayList<>();
            tools.packages().stream().map(RealizedPackage::files).forEach(rootfs::add);
            rootfs.add(tools.rootfsConfig());
            Path merged = MergedRootfs.of(store, rootfs, cache.resolve("packaging/rootfs"));
            MavenLocking.Locked found = locking.lock(entry.getKey(), spec, merged, MavenRepositories.CENTRAL,
                    repositories.base(MavenRepositories.CENTRAL), log);
            files.addAll(found.files());
            projects.add(new LockedMavenProject(entry.getKey(), PomFingerprint.of(spec.source()), found.classpath(),
                    found.files().stream().map(LockedFile::path).toList()));
        }
        return debianLock.withMaven(projects, files);
    }

    /** The locked closure of a Maven package's tools; fails asking for `cairn lock` when there is none. */
    static List<LockedPackage> tools(Lock lock, String address, MavenBuild spec) {
        return lock.resolved(DebianRequests.PACKAGE_ARCHITECTURE, MavenSteps.tools(spec)).orElseThrow(() ->
                new InputsException(address + ": its tools " + String.join(" ", MavenSteps.tools(spec)) + " ("
                        + DebianRequests.PACKAGE_ARCHITECTURE + ") are not pinned in " + LockFile.FILE_NAME,
                        "run `cairn lock` to resolve them, then review and commit " + LockFile.FILE_NAME));
    }

    /** The lock's project for a Maven package, refused when missing or locked from other poms. */
    static LockedMavenProject project(Lock lock, String address, MavenBuild spec) {
        LockedMavenProject project = lock.mavenProject(address).orElseThrow(() -> new InputsException(
                address + ": its Maven dependencies are not pinned in " + LockFile.FILE_NAME,
                "run `cairn lock` to record them, then review and commit " + LockFile.FILE_NAME));
        String poms = PomFingerprint.of(spec.source());
        if (!project.poms().equals(poms)) {
            throw new InputsException(address + ": " + LockFile.FILE_NAME + " is stale: its pom.xml changed since"
                    + " it was locked (poms " + poms + ", locked from " + project.poms() + ")",
                    "run `cairn lock` to record what the build needs now, then review and commit " + LockFile.FILE_NAME);
        }
        if (project.classpath() == null) {
            throw new InputsException(address + ": " + LockFile.FILE_NAME + " has no runtime classpath for it (it was"
                    + " written by an older cairn)", "run `cairn lock` to record it, then review and commit "
                    + LockFile.FILE_NAME);
        }
        return project;
    }

    /** What {@code cairn lock --check} finds wrong with the lock's Maven part. */
    static List<String> problems(Lock lock, List<Target> targets) {
        List<String> problems = new ArrayList<>();
        Map<String, MavenBuild> packages = packages(targets);
        packages.forEach((address, spec) -> {
            try {
                project(lock, address, spec);
            } catch (InputsException e) {
                problems.add(e.getMessage());
            }
        });
        lock.mavenProjects().stream().filter(project -> !packages.containsKey(project.target()))
                .forEach(project -> problems.add(LockFile.FILE_NAME + " pins Maven files for " + project.target()
                        + ", which is no Maven package of the workspace"));
        return problems;
    }

    /** What changed in the Maven part, one line per project and file, like the Debian part's diff. */
    static List<String> diff(Lock before, Lock after) {
        List<String> lines = new ArrayList<>();
        Map<String, LockedMavenProject> old = new TreeMap<>();
        before.mavenProjects().forEach(project -> old.put(project.target(), project));
        Map<String, LockedMavenProject> now = new TreeMap<>();
        after.mavenProjects().forEach(project -> now.put(project.target(), project));
        old.keySet().stream().filter(target -> !now.containsKey(target)).forEach(target -> lines.add("- maven " + target));
        now.forEach((target, project) -> {
            if (!project.equals(old.get(target))) {
                lines.add((old.containsKey(target) ? "~ maven " : "+ maven ") + target + " (" + project.files().size()
                        + " files)");
            }
        });
        Map<String, LockedFile> oldFiles = new TreeMap<>();
        before.mavenFiles().forEach(file -> oldFiles.put(file.path(), file));
        Map<String, LockedFile> newFiles = new TreeMap<>();
        after.mavenFiles().forEach(file -> newFiles.put(file.path(), file));
        oldFiles.keySet().stream().filter(path -> !newFiles.containsKey(path)).forEach(path -> lines.add("- " + path));
        newFiles.forEach((path, file) -> {
            LockedFile known = oldFiles.get(path);
            if (known == null) {
                lines.add("+ " + path);
            } else if (!known.equals(file)) {
                lines.add("~ " + path + " (sha256 " + known.sha256() + " → " + file.sha256() + ")");
            }
        });
        return lines;
    }
}
