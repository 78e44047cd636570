package dev.cairn.packaging.build;

import dev.cairn.packaging.PackagingException;
import dev.cairn.packaging.derivation.Derivation;
import dev.cairn.packaging.derivation.MergedRootfs;
import dev.cairn.packaging.derivation.PlacedTree;
import dev.cairn.packaging.sandbox.BuildFailure;
import dev.cairn.packaging.sandbox.Sandbox;
import dev.cairn.packaging.sandbox.SandboxResult;
import dev.cairn.packaging.sandbox.SandboxSpec;
import dev.cairn.packaging.sandbox.StoreMount;
import dev.cairn.packaging.sandbox.TreeMount;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Realises a {@link Derivation}: when its output path is already in the store, nothing runs;
 * otherwise the build runs in the sandbox, seeing its inputs at their store paths, its root
 * filesystem, a writable {@code /build} holding a copy of {@code $src} (when the derivation has
 * one), and {@code $out} to write. Only a successful build's output is added to the store, so a
 * failed or killed build leaves nothing there; its scratch directories are deleted either way.
 *
 * <p>A builder made {@link #onHost} runs builds on the host instead ({@code --no-sandbox}): each
 * derivation it realises is the unsandboxed variant ({@link Derivation#withoutSandbox()}), with an
 * output path of its own, recorded as unsandboxed in the store, and announced by a warning.
 */
public final class DerivationBuilder {
    /**
     * The lines of a failed build's log its error shows: enough for Maven's test summary
     * ({@code [ERROR] Failures:} and the failing tests' names), which is followed by some twenty
     * lines of advice.
     */
    static final int LOG_TAIL_LINES = 60;
    private final Store store;
    private final Sandbox sandbox;
    private final Optional<HostBuild> host;
    private final Path cache;

    /** @param cache cairn's packaging cache: merged root filesystems and build scratch directories */
    public DerivationBuilder(Store store, Sandbox sandbox, Path cache) {
        this(store, sandbox, Optional.empty(), cache);
    }

    private DerivationBuilder(Store store, Sandbox sandbox, Optional<HostBuild> host, Path cache) {
        this.store = store;
        this.sandbox = sandbox;
        this.host = host;
        this.cache = cache;
    }

    /** A builder that runs every build on the host, without the sandbox; it has no sandbox to lend a dev shell. */
    public static DerivationBuilder onHost(Store store, HostBuild host, Path cache) {
        return new DerivationBuilder(store, null, Optional.of(host), cache);
    }

    public BuildOutcome build(Derivation requested, Consumer<String> log) {
        Derivation derivation = asRun(requested);
        StorePath out = derivation.outputPath();
        Optional<ObjectInfo> existing = store.find(out);
        if (existing.isPresent()) {
            return new BuildOutcome(existing.get(), true);
        }
        try (BuildScratch scratch = scratch(derivation)) {
            Path output = run(derivation, scratch, log);
            ObjectInfo added = host.isPresent() ? store.addUnsandboxedOutput(output, out) : store.addOutput(output, out);
            return new BuildOutcome(added, false);
        }
    }

    /**
     * Builds a derivation whose output is in the store once more, and fails naming the first
     * differing file when the new output's NAR differs from the stored one.
     */
    public ObjectInfo check(Derivation requested, Consumer<String> log) {
        Derivation derivation = asRun(requested);
        StorePath out = derivation.outputPath();
        ObjectInfo stored = store.find(out).orElseThrow(() -> new PackagingException(
                "cannot check " + derivation.name() + ": its output " + out + " is not in the store",
                "build it first (without --check)"));
        try (BuildScratch scratch = scratch(derivation)) {
            Path output = run(derivation, scratch, log);
            Optional<String> difference = TreeDifference.first(store.physicalPath(out), output);
            if (difference.isPresent()) {
                throw new PackagingException("build of " + derivation.name() + " is not reproducible: the second build's "
                        + difference.get(),
                        "make the build deterministic (timestamps: use SOURCE_DATE_EPOCH; ordering: sort; no randomness)");
            }
            return stored;
        }
    }

    /** The derivation this builder realises for {@code requested}: on the host, its unsandboxed variant. */
    private Derivation asRun(Derivation requested) {
        return host.isPresent() ? requested.withoutSandbox() : requested;
    }

    private BuildScratch scratch(Derivation derivation) {
        return host.isPresent() ? BuildScratch.onHost(cache, derivation) : BuildScratch.inSandbox(cache, derivation);
    }

    private Path run(Derivation derivation, BuildScratch scratch, Consumer<String> log) {
        StorePath out = derivation.outputPath();
        requireInputs(derivation);
        Optional<String> source = Optional.ofNullable(derivation.env().get("src"));
        if (source.isPresent()) {
            try {
                copyWritable(store.physicalPath(StorePath.parse(source.get())), scratch.build());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the source of " + derivation.name() + " to "
                        + scratch.build(), e);
            }
        }
        if (host.isPresent()) {
            HostBuild.requireNoTrees(derivation);
            log.accept(HostBuild.warning(derivation));
        }
        log.accept("building " + derivation.name() + " → " + out);
        // Several builds may run in one command: each line says whose it is.
        Consumer<String> buildLog = line -> log.accept(derivation.name() + " | " + line);
        SandboxResult result = host.isPresent()
                ? host.get().command(derivation, scratch, LOG_TAIL_LINES).run(buildLog)
                : sandbox.run(sandboxSpec(derivation, scratch.build(), scratch.output()), buildLog);
        if (!result.succeeded()) {
            throw BuildFailure.exception(derivation.name(), result, BuildFailure.missingCommand(result)
                    .map(DerivationBuilder::declareTheTool)
                    .orElse("the end of the build's log says why; fix the build and run it again"));
        }
        if (host.isPresent()) {
            try {
                PathRewrite.apply(scratch.output(), scratch.output().toString(), out.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot put " + out + " in place of " + scratch.output()
                        + " in the output of " + derivation.name(), e);
            }
        }
        return scratch.output();
    }

    /** A build sees only its declared inputs: the tool it lacks is one to declare, not one to install on the host. */
    private static String declareTheTool(String command) {
        return "the sandbox holds only the package's declared inputs; add the Debian package that provides `" + command
                + "` to its inputs, e.g. inputs { debian.packages(List(\"" + command + "\")) } (`apt-file search -x /"
                + command + "$` names the package), then run `cairn lock`";
    }

    private void requireInputs(Derivation derivation) {
        for (StorePath input : derivation.inputs()) {
            if (!store.isValid(input)) {
                throw new PackagingException("input " + input + " of " + derivation.name() + " is not in the store",
                        "build or fetch the inputs first (`cairn fetch`)");
            }
        }
    }

    /**
     * What the sandbox is given for this derivation: its inputs (each must be in the store),
     * its input trees, its root filesystem, its environment with {@code out}, {@code buildDirectory} as /build
     * and {@code output} as {@code $out}. A dev shell gets the same, with the real source as /build.
     */
    public SandboxSpec sandboxSpec(Derivation derivation, Path buildDirectory, Path output) {
        StorePath out = derivation.outputPath();
        requireInputs(derivation);
        List<StoreMount> inputs = derivation.atStorePaths().stream()
                .map(path -> new StoreMount(path, store.physicalPath(path)))
                .toList();
        List<TreeMount> trees = derivation.trees().stream()
                .map(tree -> new TreeMount(PlacedTree.of(store, tree, cache.resolve("trees")), tree.path()))
                .toList();
        Map<String, String> environment = new TreeMap<>(derivation.env());
        environment.put("out", out.toString());
        SandboxSpec spec = SandboxSpec.of(buildDirectory, derivation.builder())
                .withInputs(inputs)
                .withOutputs(List.of(new StoreMount(out, output)))
                .withTrees(trees)
                .withEnvironment(environment)
                .withSourceDateEpoch(derivation.sourceDateEpoch())
                .withLogTailLines(LOG_TAIL_LINES);
        if (!derivation.rootfs().isEmpty()) {
            spec = spec.withRootfs(MergedRootfs.of(store, derivation.rootfs(), cache.resolve("rootfs")));
        }
        return spec;
    }

    /** A copy the build may change: store objects are read-only, the copy is the owner's to write. */
    private static void copyWritable(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            Path file = to.resolve(from.getFileName().toString());
            Files.copy(from, file, LinkOption.NOFOLLOW_LINKS);
            makeWritable(file);
            return;
        }
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (source.equals(from)) {
                    continue;
                }
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                }
                makeWritable(target);
            }
        }
    }

    private static void makeWritable(Path path) throws IOException {
        if (!Files.isSymbolicLink(path)) {
            var permissions = Files.getPosixFilePermissions(path);
            permissions.add(PosixFilePermission.OWNER_WRITE);
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
