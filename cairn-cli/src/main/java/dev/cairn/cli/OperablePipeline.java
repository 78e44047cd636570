package dev.cairn.cli;

import dev.cairn.inputs.debian.pin.RealizedPackages;
import dev.cairn.inputs.npm.LockedTarball;
import dev.cairn.operable.BuiltOperable;
import dev.cairn.operable.DebugShell;
import dev.cairn.operable.OperableBuilds;
import dev.cairn.operable.OperableRunner;
import dev.cairn.operable.OperableSpec;
import dev.cairn.packaging.build.PackageBuilds;
import dev.cairn.packaging.sandbox.Sandbox;
import dev.cairn.packaging.spec.MavenBuild;
import dev.cairn.packaging.spec.Fetch;
import dev.cairn.packaging.spec.PackageSpec;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import dev.cairn.workspace.OperableTarget;
import dev.cairn.workspace.PackageTarget;
import dev.cairn.workspace.Target;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The path every operable verb shares: the workspace's operables and packages as the operable
 * layer's inputs, packages built by the packaging layer, the operable's object in the store.
 */
final class OperablePipeline {
    private OperablePipeline() {}

    /** Builds the operable, its packages and its probes first; its object is a GC root like a package build's. */
    static BuiltOperable build(Workspace workspace, OperableTarget target, Consumer<String> log) {
        workspace.dependencies(target); // a missing package or probe is named before anything builds
        Store store = StoreCommand.open();
        BuiltOperable built = builds(workspace, store, log).build(target.address().toString(), target.spec());
        BuildRoots.keep(store, workspace, target, built.object());
        return built;
    }

    /**
     * Builds the operable's debug shell, the packages among its debug inputs first; a GC root of
     * its own keeps them while this workspace's debug images need them.
     */
    static Optional<DebugShell> debugShell(Workspace workspace, OperableTarget target, Consumer<String> log) {
        workspace.dependencies(target);
        Store store = StoreCommand.open();
        Optional<DebugShell> shell = builds(workspace, store, log).debugShell(target.address().toString(), target.spec());
        shell.ifPresent(built -> BuildRoots.keepDebugShell(store, workspace, target, built.object()));
        return shell;
    }

    private static OperableBuilds builds(Workspace workspace, Store store, Consumer<String> log) {
        PackageBuilds.Inputs packages = PackagePipeline.inputs(workspace, store, log);
        OperableBuilds.Inputs inputs = new OperableBuilds.Inputs() {
            @Override
            public OperableSpec operableAt(String address) {
                return specs(workspace).apply(address);
            }

            @Override
            public PackageSpec packageAt(String address) {
                return packages.packageAt(address);
            }

            @Override
            public RealizedPackages debian(List<String> request) {
                return packages.debian(request);
            }

            @Override
            public StorePath npmTarball(LockedTarball tarball) {
                return packages.npmTarball(tarball);
            }

            @Override
            public SortedMap<String, StorePath> mavenRepository(String address, MavenBuild spec) {
                return packages.mavenRepository(address, spec);
            }

            @Override
            public List<String> mavenClasspath(String address, MavenBuild spec) {
                return packages.mavenClasspath(address, spec);
            }

            @Override
            public StorePath fetched(String address, Fetch spec) {
                return packages.fetched(address, spec);
            }
        };
        PackageBuilds builds = new PackageBuilds(store, PackagePipeline.builder(Sandbox.find(System.getenv("PATH"))),
                inputs, PackagePipeline.sourceDateEpoch(workspace.root()), log);
        return new OperableBuilds(store, builds, inputs, operablesCache().resolve("tmp"), log);
    }

    /** Builds the operable, then runs its script with {@code arguments} in the sandbox; returns its exit code. */
    static int run(Workspace workspace, OperableTarget target, List<String> arguments, Map<String, String> environment,
            Consumer<String> log) {
        BuiltOperable built = build(workspace, target, log);
        Sandbox sandbox = Sandbox.find(System.getenv("PATH"));
        return new OperableRunner(StoreCommand.open(), sandbox, operablesCache()).run(built, arguments, environment,
                warning -> log.accept("warning: " + warning));
    }

    /** Brings the operable's Debian packages and its packages' inputs into the store; builds nothing. */
    static void fetch(Workspace workspace, OperableTarget target, Consumer<String> log) {
        Store store = StoreCommand.open();
        PackagePipeline.inputs(workspace, store, log).debian(target.spec().debianRequest(specs(workspace)));
        for (Target dependency : workspace.dependencies(target)) {
            switch (dependency) {
                case PackageTarget pkg -> PackagePipeline.fetch(workspace, pkg, log);
                case OperableTarget probe -> fetch(workspace, probe, log);
                default -> throw new IllegalStateException("an operable names packages and operables only");
            }
        }
    }

    /** The operable at an address, for the operable layer to follow probes that refer to other operables. */
    static Function<String, OperableSpec> specs(Workspace workspace) {
        return address -> workspace.operableTarget(TargetAddress.parse(address)).spec();
    }

    private static java.nio.file.Path operablesCache() {
        return ImagePipeline.cacheRoot().resolve("operables");
    }
}
