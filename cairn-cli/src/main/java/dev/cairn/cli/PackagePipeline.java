package dev.cairn.cli;

import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.debian.pin.PackageRealizer;
import dev.cairn.inputs.debian.pin.RealizedPackages;
import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.inputs.lock.LockedMavenProject;
import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.inputs.npm.LockedTarball;
import dev.cairn.inputs.npm.NpmRegistries;
import dev.cairn.inputs.npm.NpmTarballs;
import dev.cairn.inputs.maven.MavenFetcher;
import dev.cairn.packaging.spec.Fetch;
import dev.cairn.packaging.spec.MavenBuild;
import java.util.SortedMap;
import java.util.function.Supplier;
import dev.cairn.packaging.build.BuildOutcome;
import dev.cairn.packaging.build.DerivationBuilder;
import dev.cairn.packaging.build.DevShell;
import dev.cairn.packaging.build.HostBuild;
import dev.cairn.packaging.build.PackageBuilds;
import dev.cairn.packaging.sandbox.Sandbox;
import dev.cairn.packaging.sandbox.SandboxSpec;
import dev.cairn.packaging.spec.PackageSpec;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import dev.cairn.store.StoreLocation;
import dev.cairn.store.StorePath;
import dev.cairn.workspace.PackageTarget;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import dev.cairn.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The path every package verb shares: the workspace's packages and locked Debian packages as
 * the packaging layer's inputs, a sandbox, and the store.
 */
final class PackagePipeline {
    private PackagePipeline() {}

    /** @param sandboxed false for {@code --no-sandbox}: every build on the host, each announced and marked */
    static BuildOutcome build(Workspace workspace, PackageTarget target, boolean sandboxed, Consumer<String> log) {
        return builds(workspace, builder(sandboxed), log).build(target.address().toString(), target.spec());
    }

    static ObjectInfo check(Workspace workspace, PackageTarget target, boolean sandboxed, Consumer<String> log) {
        return builds(workspace, builder(sandboxed), log).check(target.address().toString(), target.spec());
    }

    /** Runs {@code command} (a shell when empty) in the package's build environment; returns its exit code. */
    static int develop(Workspace workspace, PackageTarget target, List<String> command, boolean network,
            Consumer<String> log) {
        Sandbox sandbox = Sandbox.find(System.getenv("PATH"));
        DerivationBuilder builder = builder(sandbox);
        return new DevShell(builds(workspace, builder, log), builder, sandbox, packagingCache().resolve("tmp"))
                .run(target.address().toString(), target.spec(), command, network);
    }

    /** The inputs of the package and of the packages it refers to, in the store; nothing is built. */
    static void fetch(Workspace workspace, PackageTarget target, Consumer<String> log) {
        builds(workspace, builder(Sandbox.find(System.getenv("PATH"))), log)
                .fetch(target.address().toString(), target.spec());
    }

    static Path packagingCache() {
        return ImagePipeline.cacheRoot().resolve("packaging");
    }

    static DerivationBuilder builder(Sandbox sandbox) {
        return new DerivationBuilder(StoreCommand.open(), sandbox, packagingCache());
    }

    /**
     * Without the sandbox, bubblewrap is not needed, but /cairn/store must be the store; that is
     * checked before the store is opened, so a refusal leaves nothing behind.
     */
    private static DerivationBuilder builder(boolean sandboxed) {
        if (sandboxed) {
            return builder(Sandbox.find(System.getenv("PATH")));
        }
        HostBuild host = HostBuild.onThisHost(StoreLocation.fromEnvironment(), System.getenv("PATH"));
        return DerivationBuilder.onHost(StoreCommand.open(), host, packagingCache());
    }

    static PackageBuilds builds(Workspace workspace, DerivationBuilder builder, Consumer<String> log) {
        Store store = StoreCommand.open();
        return new PackageBuilds(store, builder, inputs(workspace, store, log), sourceDateEpoch(workspace.root()), log);
    }

    /**
     * The packaging layer's inputs from the workspace: its packages, and Debian, npm, Maven and
     * fetched inputs from the lock.
     */
    static PackageBuilds.Inputs inputs(Workspace workspace, Store store, Consumer<String> log) {
        Lock lock = workspace.lock();
        PackageRealizer realizer = new PackageRealizer(store, ImagePipeline.cacheRoot().resolve("debian"),
                () -> workspace.archiveSettings().resolveRepositories(), Transport.standard());
        // The npm configuration is read only when a tarball is not in the store yet.
        NpmTarballs npm = new NpmTarballs(store, ImagePipeline.cacheRoot().resolve("npm"),
                () -> NpmRegistries.fromEnvironment(System.getenv()), Transport.standard());
        // The Maven configuration is read only when a locked file is not in the store yet.
        Supplier<MavenFetcher> maven = memoize(() -> new MavenFetcher(store, ImagePipeline.cacheRoot().resolve("maven"),
                memoize(() -> MavenLocks.repositories(workspace)), Transport.standard()));
        // The repositories' configuration is read only when a fetched file is not in the store yet.
        Supplier<dev.cairn.inputs.fetch.FetchedFiles> fetched = memoize(() -> FetchLocks.fetcher(store));
        return new PackageBuilds.Inputs() {
            @Override
            public PackageSpec packageAt(String address) {
                return workspace.packageTarget(TargetAddress.parse(address)).spec();
            }

            @Override
            public RealizedPackages debian(List<String> request) {
                List<LockedPackage> closure = lock.resolved(DebianRequests.PACKAGE_ARCHITECTURE, request).orElseThrow(() ->
                        new WorkspaceException("Debian packages " + String.join(" ", request) + " ("
                                + DebianRequests.PACKAGE_ARCHITECTURE + ") are not pinned in " + LockFile.FILE_NAME,
                                "run `cairn lock` to resolve them, then review and commit " + LockFile.FILE_NAME));
                return realizer.realize(closure, log);
            }

            @Override
            public StorePath npmTarball(LockedTarball tarball) {
                return npm.realize(tarball, log);
            }

            @Override
            public SortedMap<String, StorePath> mavenRepository(String address, MavenBuild spec) {
                LockedMavenProject project = MavenLocks.project(lock, address, spec);
                return maven.get().fetch(lock.mavenFiles(project), log);
            }

            @Override
            public List<String> mavenClasspath(String address, MavenBuild spec) {
                return MavenLocks.project(lock, address, spec).classpath();
            }

            @Override
            public StorePath fetched(String address, Fetch spec) {
                return fetched.get().realize(FetchLocks.file(lock, address, spec), spec.outputName(), spec.layout(), log);
            }
        };
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /**
     * The time of the workspace's last commit, so a build's timestamps follow the source, not the
     * clock; a workspace outside git gets the fixed default.
     */
    static long sourceDateEpoch(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "log", "-1", "--format=%ct")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            git.getOutputStream().close();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && out.matches("[0-9]+")) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // no git here: the default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return SandboxSpec.DEFAULT_SOURCE_DATE_EPOCH;
    }
}
