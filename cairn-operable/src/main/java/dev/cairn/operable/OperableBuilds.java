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
 * first, by the packaging layer.
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
            for (BuildInput input : spec.runtimeInputs()) {
                switch (input) {
                    case BuildInput.DebianPackages debian -> { } // in the root filesystem, at /usr/bin
                    case BuildInput.PackageReference reference -> path.add(packageOutput(reference.address()) + "/bin");
                    case BuildInput.StoreObject object -> {
                        if (!store.isValid(object.path())) {
                            throw new OperableException(address + ": runtime input " + object.path()
                                    + " is not in the store", "add or build it first, or fix the path");
                        }
                        path.add(object.path() + "/bin");
                    }
                }
            }
            Optional<String> liveness = spec.livenessProbe().map(probe -> probe(address, probe, building, shared));
            Optional<String> readiness = spec.readinessProbe().map(probe -> probe(address, probe, building, shared));
            OperableManifest manifest = new OperableManifest(spec.name(), "bin/" + spec.scriptName(), packagePath,
                    spec.runtimeEnv(), path, shared.request(), shared.rootfs(), liveness, readiness,
                    spec.debugDebianRequest(inputs::operableAt));
            ObjectInfo object = add(spec, OperableScript.render(spec, path), OperableScript.renderShell(spec, path), manifest);
            log.accept(address + " → " + object.path());
            return new BuiltOperable(object, manifest);
        } finally {
            building.pop();
        }
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

    private ObjectInfo add(OperableSpec spec, String script, String shell, OperableManifest manifest) {
        Path directory = null;
        try {
            Files.createDirectories(scratchParent);
            directory = Files.createTempDirectory(scratchParent, spec.scriptName() + "-");
            Path bin = Files.createDirectories(directory.resolve("bin"));
            Files.writeString(bin.resolve(spec.scriptName()), script);
            Files.setPosixFilePermissions(bin.resolve(spec.scriptName()), PosixFilePermissions.fromString("r-xr-xr-x"));
            Path shellFile = bin.resolve(BuiltOperable.SHELL_PREFIX + spec.name());
            Files.writeString(shellFile, shell);
            Files.setPosixFilePermissions(shellFile, PosixFilePermissions.fromString("r-xr-xr-x"));
            Path manifestFile = directory.resolve(OperableManifest.FILE);
            Files.createDirectories(manifestFile.getParent());
            Files.writeString(manifestFile, manifest.json());
            return store.add(directory, spec.scriptName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the operable " + spec.name() + " under " + scratchParent, e);
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

    private record SharedRoot(List<String> request, List<StorePath> rootfs) {}
}
