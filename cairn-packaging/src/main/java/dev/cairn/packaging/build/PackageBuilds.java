package dev.cairn.packaging.build;

import dev.cairn.inputs.debian.pin.RealizedPackage;
import dev.cairn.inputs.debian.pin.RealizedPackages;
import dev.cairn.packaging.PackagingException;
import dev.cairn.inputs.npm.LockedTarball;
import dev.cairn.packaging.derivation.Derivation;
import dev.cairn.packaging.derivation.InputTree;
import dev.cairn.packaging.java.JavaRuntimes;
import dev.cairn.packaging.npm.NpmDerivations;
import dev.cairn.packaging.maven.MavenSteps;
import dev.cairn.packaging.spec.BuildInput;
import dev.cairn.packaging.spec.CommandBuild;
import dev.cairn.packaging.spec.JavaRuntimeBuild;
import dev.cairn.packaging.spec.Fetch;
import dev.cairn.packaging.spec.MavenBuild;
import dev.cairn.packaging.spec.NpmBuild;
import dev.cairn.packaging.spec.PackageSpec;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turns packages into derivations and builds them, the packages they refer to first. What a
 * package may use becomes its derivation's inputs: its source (what its
 * {@link PackageSpec#sourceFilter()} keeps, added to the store, so the same source from any
 * checkout is the same path), locked Debian packages (laid out as its root filesystem), store
 * objects and other packages' outputs (with their closures, their {@code bin} directories first
 * on {@code PATH}). A {@link Fetch} package is no derivation: its object is the pinned file
 * the inputs fetch, and it stands wherever a built package's output would.
 */
public final class PackageBuilds {
    /** The system cairn builds for today; part of every derivation's description. */
    public static final String SYSTEM = "x86_64-linux";

    /** What the packaging layer needs from above it: other packages, and the locked Debian packages. */
    public interface Inputs {
        /** The package at {@code address}; fails naming it when there is none. */
        PackageSpec packageAt(String address);

        /** The locked closure of a Debian request, in the store; fails asking for `cairn lock` when unlocked. */
        RealizedPackages debian(List<String> request);

        /** The npm tarball's unpacked package in the store, fetched from the configured registry when not there. */
        StorePath npmTarball(LockedTarball tarball);

        /**
         * The locked repository files of a Maven package, in the store, by repository path;
         * fails asking for `cairn lock` when the package is unlocked or its poms changed since.
         */
        default SortedMap<String, StorePath> mavenRepository(String address, MavenBuild spec) {
            throw new PackagingException(address + ": no Maven repository files are available to this build",
                    "run `cairn lock`");
        }

        /** The locked runtime classpath of a Maven package: repository paths, in Maven's order. */
        default List<String> mavenClasspath(String address, MavenBuild spec) {
            throw new PackagingException(address + ": no runtime classpath is locked for this build", "run `cairn lock`");
        }

        /**
         * The fetched package's object, from its file pinned in the lock, fetched when not in the
         * store; fails asking for `cairn lock` when the file is not pinned.
         */
        default StorePath fetched(String address, Fetch spec) {
            throw new PackagingException(address + ": no fetched files are available to this build", "run `cairn lock`");
        }
    }

    private final Store store;
    private final DerivationBuilder builder;
    private final Inputs inputs;
    private final long sourceDateEpoch;
    private final Consumer<String> log;
    private final Map<String, StorePath> built = new LinkedHashMap<>();

    public PackageBuilds(Store store, DerivationBuilder builder, Inputs inputs, long sourceDateEpoch, Consumer<String> log) {
        this.store = store;
        this.builder = builder;
        this.inputs = inputs;
        this.sourceDateEpoch = sourceDateEpoch;
        this.log = log;
    }

    public BuildOutcome build(String address, PackageSpec spec) {
        return build(address, spec, new ArrayDeque<>());
    }

    private BuildOutcome build(String address, PackageSpec spec, Deque<String> building) {
        if (spec instanceof Fetch fetch) {
            return new BuildOutcome(store.info(inputs.fetched(address, fetch)), false);
        }
        return realise(address, derivation(address, spec, building));
    }

    /** Builds the package again (its references from the store) and fails on any difference. */
    public ObjectInfo check(String address, PackageSpec spec) {
        if (spec instanceof Fetch fetch) {
            throw new PackagingException("--check rebuilds a package; " + address + " is fetched (" + fetch.location()
                    + "), not built, and its bytes are checked against cairn.lock's SHA-256 whenever it is fetched",
                    "`cairn store verify PATH` re-hashes its object in the store");
        }
        Derivation derivation = derivation(address, spec, new ArrayDeque<>());
        try {
            return builder.check(derivation, log);
        } catch (PackagingException e) {
            throw about(address, e);
        }
    }

    /** A build's failure names the target: of the packages built on the way, the one that failed. */
    private BuildOutcome realise(String address, Derivation derivation) {
        try {
            return builder.build(derivation, log);
        } catch (PackagingException e) {
            throw about(address, e);
        }
    }

    private static PackagingException about(String address, PackagingException e) {
        return new PackagingException(address + ": " + e.getMessage(), e.hint(), e);
    }

    /**
     * Brings everything the package and the packages it refers to need into the store — Debian
     * packages from the lock, sources — without building anything, so that a build afterwards
     * needs no network.
     */
    public void fetch(String address, PackageSpec spec) {
        fetch(address, spec, new ArrayDeque<>(), new java.util.HashSet<>());
    }

    private void fetch(String address, PackageSpec spec, Deque<String> walking, java.util.Set<String> done) {
        if (!done.add(address)) {
            return;
        }
        if (walking.contains(address)) {
            throw new PackagingException("packages refer to each other in a cycle through " + address,
                    "a package cannot be built from its own output; remove one of the references");
        }
        walking.push(address);
        try {
            if (!spec.tools().isEmpty()) {
                inputs.debian(spec.tools());
            }
            for (BuildInput input : spec.inputs()) {
                switch (input) {
                    case BuildInput.DebianPackages debian -> inputs.debian(debian.request());
                    case BuildInput.StoreObject object -> {
                        if (!store.isValid(object.path())) {
                            throw new PackagingException(address + ": input " + object.path() + " is not in the store",
                                    "add or build it first, or fix the path");
                        }
                    }
                    case BuildInput.PackageReference reference ->
                            fetch(reference.address(), inputs.packageAt(reference.address()), walking, done);
                }
            }
            if (spec instanceof MavenBuild maven) {
                inputs.mavenRepository(address, maven);
            }
            if (spec instanceof NpmBuild npm) {
                NpmDerivations.tarballs(address, npm).forEach(inputs::npmTarball);
            }
            if (spec instanceof Fetch fetch) {
                inputs.fetched(address, fetch);
            }
            if (spec.source() != null) {
                addSource(address, spec);
            }
        } finally {
            walking.pop();
        }
    }

    /** The package's derivation; the packages it refers to are built on the way, since their outputs are its inputs. */
    public Derivation derivation(String address, PackageSpec spec, Deque<String> building) {
        if (building.contains(address)) {
            List<String> cycle = new ArrayList<>(building.reversed());
            cycle.add(address);
            throw new PackagingException("packages refer to each other in a cycle: " + String.join(" → ", cycle),
                    "a package cannot be built from its own output; remove one of the references");
        }
        building.push(address);
        try {
            return switch (spec) {
                case CommandBuild command -> command(address, command, building, List.of());
                case MavenBuild maven -> maven(address, maven);
                case NpmBuild npm -> npm(address, npm, building);
                case JavaRuntimeBuild runtime -> command(address, JavaRuntimes.command(runtime), building, List.of());
                case Fetch fetch -> throw new PackagingException(address + " is fetched (" + fetch.location()
                        + "), not built: it has no build to describe or enter",
                        "build it with `cairn build " + address + "`, or develop a package that uses it as an input");
            };
        } finally {
            building.pop();
        }
    }

    private Derivation npm(String address, NpmBuild spec, Deque<String> building) {
        NpmDerivations.Plan plan = NpmDerivations.plan(address, spec, inputs::npmTarball, log);
        return command(address, plan.command(), building, plan.tarballs());
    }

    /** {@code readOnly}: store objects the build reads besides its inputs, not put on {@code PATH}. */
    private Derivation command(String address, CommandBuild spec, Deque<String> building, Collection<StorePath> readOnly) {
        List<StorePath> rootfs = new ArrayList<>();
        SortedSet<StorePath> all = new TreeSet<>();
        List<StorePath> onPath = new ArrayList<>();
        for (BuildInput input : spec.inputs()) {
            switch (input) {
                case BuildInput.DebianPackages debian -> {
                    RealizedPackages realized = inputs.debian(debian.request());
                    realized.packages().stream().map(RealizedPackage::files).forEach(rootfs::add);
                    rootfs.add(realized.rootfsConfig());
                }
                case BuildInput.StoreObject object -> {
                    if (!store.isValid(object.path())) {
                        throw new PackagingException(address + ": input " + object.path() + " is not in the store",
                                "add or build it first, or fix the path");
                    }
                    onPath.add(object.path());
                    all.addAll(store.closure(List.of(object.path())));
                }
                case BuildInput.PackageReference reference -> {
                    // Not computeIfAbsent: building the reference may build (and record) others first.
                    StorePath output = built.get(reference.address());
                    if (output == null) {
                        output = build(reference.address(), inputs.packageAt(reference.address()), building)
                                .output().path();
                        built.put(reference.address(), output);
                    }
                    onPath.add(output);
                    all.addAll(store.closure(List.of(output)));
                }
            }
        }
        if (rootfs.isEmpty()) {
            throw new PackagingException(address + ": a command build runs " + spec.shell()
                    + " in a root filesystem of Debian packages, and it asks for none",
                    "add the tools it uses to its inputs, e.g. debian.packages(List(\"bash\", \"coreutils\"))");
        }
        all.addAll(new LinkedHashSet<>(rootfs));
        if (!readOnly.isEmpty()) {
            all.addAll(store.closure(readOnly));
        }
        TreeMap<String, String> env = new TreeMap<>(spec.env());
        if (spec.source() != null) {
            StorePath source = addSource(address, spec);
            env.put("src", source.toString());
            all.add(source);
        }
        StringBuilder script = new StringBuilder();
        if (!onPath.isEmpty()) {
            // Part of the description, like everything the build sees: the inputs' programs come first.
            script.append("export PATH=\"");
            onPath.forEach(path -> script.append(path).append("/bin:"));
            script.append("$PATH\"\n");
        }
        script.append(spec.script());
        List<String> command = spec.shell().equals("bash")
                ? List.of("bash", "-o", "errexit", "-o", "nounset", "-o", "pipefail", "-c", script.toString())
                : List.of(spec.shell(), "-e", "-u", "-c", script.toString());
        return new Derivation(spec.outputName(), SYSTEM, command, env, all, rootfs, sourceDateEpoch);
    }

    /**
     * A Maven package: its JDK, Maven and shell as the root filesystem, each locked repository
     * file a store object of its own, seen as one tree laid out as a Maven repository, the script
     * of {@link MavenSteps#buildScript}.
     */
    private Derivation maven(String address, MavenBuild spec) {
        List<StorePath> rootfs = new ArrayList<>();
        RealizedPackages tools = inputs.debian(MavenSteps.tools(spec));
        tools.packages().stream().map(RealizedPackage::files).forEach(rootfs::add);
        rootfs.add(tools.rootfsConfig());
        SortedMap<String, StorePath> repository = inputs.mavenRepository(address, spec);
        SortedSet<StorePath> all = new TreeSet<>(rootfs);
        all.addAll(repository.values());
        StorePath source = addSource(address, spec);
        all.add(source);
        TreeMap<String, String> env = new TreeMap<>(spec.env());
        env.put("src", source.toString());
        String script = MavenSteps.buildScript(spec, repository, inputs.mavenClasspath(address, spec));
        return new Derivation(spec.outputName(), SYSTEM,
                List.of("bash", "-o", "errexit", "-o", "nounset", "-o", "pipefail", "-c", script),
                env, all, rootfs, sourceDateEpoch)
                .withTrees(List.of(new InputTree(MavenSteps.REPOSITORY_TREE, repository)));
    }

    private StorePath addSource(String address, PackageSpec spec) {
        try {
            String name = spec.name() + "-source";
            // Mostly unchanged since the last build: then hashing it is enough, copying is not needed.
            return store.existing(spec.source(), name, spec.sourceFilter())
                    .orElseGet(() -> store.add(spec.source(), name, spec.sourceFilter()))
                    .path();
        } catch (StoreException e) {
            throw new PackagingException(address + ": cannot add its source " + spec.source() + " to the store: "
                    + e.getMessage(), e.hint(), e);
        }
    }
}
