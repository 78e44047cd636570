package dev.cairn.operable;

import dev.cairn.inputs.debian.pin.RealizedPackage;
import dev.cairn.inputs.debian.pin.RealizedPackages;
import dev.cairn.packaging.build.PackageBuilds;
import dev.cairn.packaging.spec.BuildInput;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import dev.cairn.store.TreeDeletion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Puts operables into the store. An operable's object, {@code <hash>-operable-<name>}, holds
 * the script ({@code bin/operable-<name>}, mode 0555) and its {@link OperableManifest}; it is
 * plain text made here, so it is added to the store directly, named by its content, and the
 * store's reference scan finds the package, runtime inputs, probes and Debian packages the two
 * files name: the object's closure is the runtime closure. The packages it names are built
 * first, by the packaging layer. A debug image's {@link DebugShell} is built here too, on its own
 * and on request, so that the debug inputs' packages are built for it alone.
 */
public final class OperableBuilds {
    /** What the operable layer needs from above it: operables, besides what packages need. */
    public interface Inputs extends PackageBuilds.Inputs {
        /** The operable at {@code address}; fails naming it when there is none. */
        OperableSpec operableAt(String address);
    }

    private final Store store;
    private final PackageBuilds packages;
    private final Inputs inputs;
    private final Path scratchParent;
    private final Consumer<String> log;
    private final Map<String, StorePath> builtPackages = new HashMap<>();

    /** @param scratchParent where the object's files are written before they are added to the store */
    public OperableBuilds(Store store, PackageBuilds packages, Inputs inputs, Path scratchParent, Consumer<String> log) {
        this.store = store;
        this.packages = packages;
        this.inputs = inputs;
        this.scratchParent = scratchParent;
        this.log = log;
    }

    /** Builds the operable at {@code address}: its packages, its probes, then its own object. */
    public BuiltOperable build(String address, OperableSpec spec) {
        return build(address, spec, new ArrayDeque<>(), Optional.empty());
    }

    /**
     * @param root the root filesystem to share, for an inline probe (it runs beside its service);
     *     otherwise the operable's own request is realised
     */
    private BuiltOperable build(String address, OperableSpec spec, Deque<String> building,
            Optional<SharedRoot> root) {
        if (building.contains(address)) {
            throw OperableSpec.cycle(building, address);
        }
        building.push(address);
        try {
            SharedRoot shared = root.orElseGet(() -> realise(spec));
            Optional<StorePath> packagePath = spec.packageReference().map(reference -> packageOutput(reference.address()));
            List<String> path = new ArrayList<>();
            packagePath.ifPresent(output -> path.add(output + "/bin"));
            path.addAll(storeBins(address, "runtime", spec.runtimeInputs()));
            Optional<String> liveness = spec.livenessProbe().map(probe -> probe(address, probe, building, shared));
            Optional<String> readiness = spec.readinessProbe().map(probe -> probe(address, probe, building, shared));
            OperableManifest manifest = new OperableManifest(spec.name(), "bin/" + spec.scriptName(), packagePath,
                    spec.runtimeEnv(), path, shared.request(), shared.rootfs(), liveness, readiness,
                    spec.debugDebianRequest(inputs::operableAt));
            ObjectInfo object = add(spec.scriptName(), Map.of(
                    "bin/" + spec.scriptName(), OperableScript.render(spec, path),
                    "bin/" + BuiltOperable.SHELL_PREFIX + spec.name(), OperableScript.renderShell(spec, path)),
                    Map.of(OperableManifest.FILE, manifest.json()));
            log.accept(address + " → " + object.path());
            return new BuiltOperable(object, manifest);
        } finally {
            building.pop();
        }
    }

    /**
     * Builds the debug shell of the operable at {@code address}: the packages among its debug
     * inputs first, as a build of the operable does its runtime inputs', then the shell's object.
     * Empty when the debug inputs are Debian packages only: a debug image has bash for them.
     */
    public Optional<DebugShell> debugShell(String address, OperableSpec spec) {
        List<String> path = storeBins(address, "debug", spec.debugInputs());
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String name = DebugShell.PREFIX + spec.name();
        ObjectInfo object = add(name, Map.of("bin/" + name, DebugShell.render(address, spec.name(), path)), Map.of());
        log.accept(address + " (debug shell) → " + object.path());
        return Optional.of(new DebugShell(object, spec.name()));
    }

    /**
     * The {@code bin} directories of the store objects and packages among {@code inputs}, in
     * order, the packages built; Debian packages are in the root filesystem, at {@code /usr/bin}.
     */
    private List<String> storeBins(String address, String kind, List<BuildInput> inputs) {
        List<String> path = new ArrayList<>();
        for (BuildInput input : inputs) {
            switch (input) {
                case BuildInput.DebianPackages debian -> { }
                case BuildInput.PackageReference reference -> path.add(packageOutput(reference.address()) + "/bin");
                case BuildInput.StoreObject object -> {
                    if (!store.isValid(object.path())) {
                        throw new OperableException(address + ": " + kind + " input " + object.path()
                                + " is not in the store", "add or build it first, or fix the path");
                    }
                    path.add(object.path() + "/bin");
                }
            }
        }
        return path;
    }

    private SharedRoot realise(OperableSpec spec) {
        List<String> request = spec.debianRequest(inputs::operableAt);
        RealizedPackages realized = inputs.debian(request);
        List<StorePath> rootfs = new ArrayList<>();
        realized.packages().stream().map(RealizedPackage::files).forEach(rootfs::add);
        rootfs.add(realized.rootfsConfig());
        return new SharedRoot(request, rootfs);
    }

    /** The probe's script in the store; an inline probe runs in its service's root filesystem. */
    private String probe(String address, Probe probe, Deque<String> building, SharedRoot root) {
        BuiltOperable built = switch (probe) {
            case Probe.Inline inline -> build(address + " (probe " + inline.spec().name() + ")", inline.spec(),
                    building, Optional.of(root));
            case Probe.Reference reference -> build(reference.address(), inputs.operableAt(reference.address()),
                    building, Optional.empty());
        };
        return built.script();
    }

    private StorePath packageOutput(String address) {
        StorePath output = builtPackages.get(address);
        if (output == null) {
            output = packages.build(address, inputs.packageAt(address)).output().path();
            builtPackages.put(address, output);
        }
        return output;
    }

    /**
     * Adds an object of text files named {@code name}: {@code scripts} (mode 0555) and
     * {@code files}, each at its path relative to the object, written in a scratch directory first.
     */
    private ObjectInfo add(String name, Map<String, String> scripts, Map<String, String> files) {
        Path directory = null;
        try {
            Files.createDirectories(scratchParent);
            directory = Files.createTempDirectory(scratchParent, name + "-");
            for (Map.Entry<String, String> file : files.entrySet()) {
                write(directory.resolve(file.getKey()), file.getValue());
            }
            for (Map.Entry<String, String> script : scripts.entrySet()) {
                Path written = write(directory.resolve(script.getKey()), script.getValue());
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("r-xr-xr-x"));
            }
            return store.add(directory, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " under " + scratchParent, e);
        } finally {
            if (directory != null) {
                try {
                    TreeDeletion.delete(directory);
                } catch (IOException e) {
                    log.accept("cannot delete " + directory + ": " + e.getMessage());
                }
            }
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private record SharedRoot(List<String> request, List<StorePath> rootfs) {}
}
