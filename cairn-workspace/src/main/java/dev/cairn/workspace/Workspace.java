package dev.cairn.workspace;

import dev.cairn.chart.ChartInput;
import dev.cairn.chart.Manifests;
import dev.cairn.chart.OptionValues;
import dev.cairn.inputs.debian.archive.ArchiveSettings;
import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.pkl.core.PModule;

/**
 * A workspace: {@code cairn.pkl} at its root, and cells {@code cells/<cell>/} holding blocks
 * {@code <type>.pkl}, each declaring targets {@code //cell/block/name}.
 *
 * <p>{@link #locate} only looks at the filesystem; Pkl evaluation happens on first need, with
 * one evaluator for the whole workspace, and each module is evaluated at most once (errors
 * included) for the life of this object. Close it to release the evaluator.
 *
 * <p>Evaluation is hermetic: modules only from {@code file:} inside the workspace root,
 * {@code cairn:} (bundled) and {@code pkl:}; resources only from {@code file:} inside the root
 * and {@code prop:}. Nothing is fetched from the network.
 */
public final class Workspace implements AutoCloseable {
    /** The file that marks a workspace's root. */
    public static final String FILE_NAME = "cairn.pkl";
    /** The directory under the root that holds the cells. */
    public static final String CELLS_DIR = "cells";
    /** The directory under the root where `cairn build` writes images unless told otherwise. */
    public static final String RESULT_DIR = "result";
    /** The directory of a cell that holds its environments, {@code <env>.pkl} each. */
    public static final String ENVIRONMENTS_DIR = "environments";
    private static final URI WORKSPACE_MODULE = URI.create("cairn:Workspace");
    private static final URI ENVIRONMENT_MODULE = URI.create("cairn:Environment");
    private static final String LIST_HINT = "`cairn list` shows every target";

    private final Path root;
    private final List<Block> blocks;
    private final PklEvaluator pkl;
    private final Map<Block, Evaluated> evaluated = new HashMap<>();
    private PModule settings;
    private WorkspaceException settingsError;
    private ArchiveSettings archiveSettings;
    private WorkspaceException archiveSettingsError;
    private LockRead lock;
    private boolean closed;
    private int renders;

    private Workspace(Path root, List<Block> blocks, Map<String, String> properties, Optional<Path> evaluationCache) {
        this.root = root;
        this.blocks = List.copyOf(blocks);
        this.pkl = new PklEvaluator(root, properties, evaluationCache);
    }

    /**
     * Finds the workspace that {@code start} is in: the nearest directory, from {@code start}
     * upward, holding {@code cairn.pkl}; then lists its blocks.
     */
    public static Workspace locate(Path start) {
        return locate(start, Map.of());
    }

    /**
     * Like {@link #locate(Path)}, with external properties Pkl code can read as
     * {@code read("prop:<name>")}.
     */
    public static Workspace locate(Path start, Map<String, String> properties) {
        return locate(start, properties, Optional.empty());
    }

    /**
     * Like {@link #locate(Path, Map)}, keeping evaluated modules in {@code evaluationCache}
     * between runs: a module none of whose inputs changed is not evaluated again, and Pkl is not
     * started at all when every module a command needs is there. The directory is created on
     * first write; one that cannot be written only means nothing is kept.
     */
    public static Workspace locate(Path start, Map<String, String> properties, Optional<Path> evaluationCache) {
        Path directory;
        try {
            directory = start.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException("directory " + start + " does not exist",
                    "run cairn inside a workspace, or pass -C DIR", e);
        }
        for (Path dir = directory; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FILE_NAME))) {
                return new Workspace(dir, findBlocks(dir), properties, evaluationCache);
            }
        }
        throw new WorkspaceException("no " + FILE_NAME + " in " + directory + " or any parent directory",
                "run cairn inside a workspace, or pass -C DIR");
    }

    private static List<Block> findBlocks(Path root) {
        Path cells = root.resolve(CELLS_DIR);
        if (!Files.isDirectory(cells)) {
            return List.of();
        }
        List<Block> blocks = new ArrayList<>();
        for (Path cell : list(cells)) {
            String cellName = cell.getFileName().toString();
            if (!Files.isDirectory(cell) || cellName.startsWith(".")) {
                continue;
            }
            for (Path file : list(cell)) {
                Optional<BlockType> type = BlockType.forFileName(file.getFileName().toString());
                if (type.isEmpty() || !Files.isRegularFile(file)) {
                    continue; // a helper module the blocks may import, or something else
                }
                if (!TargetAddress.isName(cellName)) {
                    throw new WorkspaceException("cell directory " + root.relativize(cell)
                            + " is not a valid cell name", "rename it: cell " + TargetAddress.nameHint());
                }
                blocks.add(new Block(cellName, type.get(), file));
            }
        }
        blocks.sort(Comparator.comparing(Block::cell).thenComparing(b -> b.type().blockName()));
        return blocks;
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** The workspace's root directory (a real path): where {@code cairn.pkl} is. */
    public Path root() {
        return root;
    }

    /** Every block of every cell, by cell, then block name. */
    public List<Block> blocks() {
        return blocks;
    }

    /** The {@code name} of {@code cairn.pkl}; evaluates it on first call. */
    public synchronized String name() {
        return (String) settings().get("name");
    }

    /**
     * Where Debian packages come from: the {@code debian} settings of {@code cairn.pkl}, its
     * repositories in the order written, relative keyring paths resolved against the root; the
     * machine's apt sources and keyring when {@code cairn.pkl} has no {@code debian}. Evaluates
     * {@code cairn.pkl} on first call, like {@link #name()}.
     */
    public synchronized ArchiveSettings archiveSettings() {
        if (archiveSettings == null && archiveSettingsError == null) {
            PModule module = settings();
            try {
                archiveSettings = new DebianSettings(root, FILE_NAME).archiveSettings(module);
            } catch (WorkspaceException e) {
                archiveSettingsError = e;
            }
        }
        if (archiveSettingsError != null) {
            throw archiveSettingsError;
        }
        return archiveSettings;
    }

    /**
     * {@code cairn.lock} at the root (an empty lock when there is none), parsed once and again only
     * when the file's size or time changed, as after `cairn lock` writes it: an image build reads it
     * from the image, operable and package pipelines, and parsing it in a JVM that has just started
     * costs more than the rest of a no-op build's bookkeeping.
     */
    public synchronized Lock lock() {
        Path file = root.resolve(LockFile.FILE_NAME);
        Optional<BasicFileAttributes> attributes;
        try {
            attributes = Optional.of(Files.readAttributes(file, BasicFileAttributes.class));
        } catch (IOException absent) {
            attributes = Optional.empty(); // LockFile.read says what an absent lock is
        }
        Optional<FileTime> modified = attributes.map(BasicFileAttributes::lastModifiedTime);
        long size = attributes.map(BasicFileAttributes::size).orElse(-1L);
        if (lock == null || !lock.modified().equals(modified) || lock.size() != size) {
            lock = new LockRead(modified, size, LockFile.read(file));
        }
        return lock.lock();
    }

    /**
     * The addresses {@code cairn.pkl} gives Maven repositories ({@code maven { repositories { … } }}),
     * by the name the lock records; empty when it gives none, and the machine's Maven
     * configuration decides. Evaluates {@code cairn.pkl} on first call.
     */
    @SuppressWarnings("unchecked")
    public synchronized java.util.Map<String, String> mavenRepositories() {
        Object maven = settings().get("maven");
        if (!(maven instanceof org.pkl.core.Composite composite)) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> repositories = new java.util.TreeMap<>();
        ((java.util.Map<String, Object>) composite.get("repositories"))
                .forEach((name, url) -> repositories.put(name, (String) url));
        return repositories;
    }

    /** {@code cairn.pkl}, evaluated once; its error, if any, is remembered like a block's. */
    private PModule settings() {
        if (settings == null && settingsError == null) {
            try {
                settings = evaluate(root.resolve(FILE_NAME), WORKSPACE_MODULE, "fix " + FILE_NAME
                        + "; it amends \"cairn:Workspace\" and sets at least name = \"…\""
                        + " (docs/workspace.md describes its settings)");
            } catch (WorkspaceException e) {
                settingsError = e;
            }
        }
        if (settingsError != null) {
            throw settingsError;
        }
        return settings;
    }

    /** Every target of every block, sorted by address; evaluates every block not yet evaluated. */
    public synchronized List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (Block block : blocks) {
            targets.addAll(targets(block));
        }
        targets.sort(Comparator.comparing(Target::address));
        return targets;
    }

    /** The targets of one of {@link #blocks()}, evaluating it if not yet evaluated. */
    public synchronized List<Target> targets(Block block) {
        if (!blocks.contains(block)) {
            throw new IllegalArgumentException(block + " is not a block of the workspace " + root);
        }
        Evaluated result = evaluated.computeIfAbsent(block, this::evaluateBlock);
        if (result.error() != null) {
            throw result.error();
        }
        return result.targets();
    }

    /**
     * The target at {@code address}, evaluating only its block. An unknown address fails with
     * the closest existing address as a suggestion.
     */
    public synchronized Target target(TargetAddress address) {
        for (Block block : blocks) {
            if (block.cell().equals(address.cell()) && block.type().blockName().equals(address.block())) {
                for (Target target : targets(block)) {
                    if (target.address().equals(address)) {
                        return target;
                    }
                }
            }
        }
        List<String> known = new ArrayList<>();
        for (Block block : blocks) {
            Evaluated result = evaluated.computeIfAbsent(block, this::evaluateBlock);
            if (result.error() == null) { // a broken block elsewhere must not hide this error
                result.targets().forEach(t -> known.add(t.address().toString()));
            }
        }
        String message = "no target " + address + " in workspace " + root;
        Optional<String> suggestion = Suggestions.closest(address.toString(), known);
        throw new WorkspaceException(suggestion.map(s -> message + "; did you mean " + s + "?").orElse(message),
                LIST_HINT);
    }

    /**
     * The package at {@code address}, evaluating only its block: like {@link #target}, and an
     * error when the target there is not a package.
     */
    public synchronized PackageTarget packageTarget(TargetAddress address) {
        return target(address, PackageTarget.class, "a package", BlockType.PACKAGES);
    }

    /**
     * The operable at {@code address}, evaluating only its block: like {@link #target}, and an
     * error when the target there is not an operable.
     */
    public synchronized OperableTarget operableTarget(TargetAddress address) {
        return target(address, OperableTarget.class, "an operable", BlockType.OPERABLES);
    }

    private <T extends Target> T target(TargetAddress address, Class<T> kind, String noun, BlockType type) {
        return target(address, kind, noun, type, "");
    }

    private <T extends Target> T target(TargetAddress address, Class<T> kind, String noun, BlockType type, String more) {
        Target target = target(address);
        if (kind.isInstance(target)) {
            return kind.cast(target);
        }
        throw new WorkspaceException(address + " is not " + noun,
                noun + "'s address is //cell/" + type.blockName() + "/name" + more + "; " + LIST_HINT);
    }

    /**
     * The packages {@code target} uses as inputs, in the order it lists them, evaluating their
     * blocks. A reference to a package that does not exist fails, naming {@code target}, its
     * block and the closest existing address. Only direct references: a builder walking the
     * graph calls this for each package it reaches (and sees any cycle as it walks).
     */
    public synchronized List<PackageTarget> dependencies(PackageTarget target) {
        return resolve(target, target.references(), "input ", this::packageTarget);
    }

    /**
     * The targets {@code target} names (its packages, the operables its probes refer to), in
     * order, evaluating their blocks. One that does not exist, or is of the wrong kind, fails
     * naming {@code target}, its block and the closest existing address.
     */
    public synchronized List<Target> dependencies(OperableTarget target) {
        return resolve(target, target.references(), "", reference ->
                reference.block().equals(BlockType.OPERABLES.blockName())
                        ? operableTarget(reference) : packageTarget(reference));
    }

    private <T> List<T> resolve(Target target, List<TargetAddress> references, String role,
            java.util.function.Function<TargetAddress, T> resolver) {
        List<T> dependencies = new ArrayList<>();
        for (TargetAddress reference : references) {
            try {
                dependencies.add(resolver.apply(reference));
            } catch (WorkspaceException e) {
                throw new WorkspaceException(target.address() + " (" + display(target.blockFile()) + "): " + role
                        + reference + ": " + e.getMessage(), e.hint(), e);
            }
        }
        return dependencies;
    }

    private Evaluated evaluateBlock(Block block) {
        try {
            BlockType type = block.type();
            PModule module = evaluate(block.file(), URI.create(type.schemaModule()),
                    "fix the block; it amends \"" + type.schemaModule()
                            + "\" (docs/workspace.md describes its properties)");
            String blockName = display(block.file());
            List<Target> targets = switch (type) {
                case PACKAGES -> new PackagesBlock(root, block, blockName).targets(module);
                case OPERABLES -> new OperablesBlock(block, blockName).targets(module);
                case OCI_IMAGES -> new OciImagesBlock(root, block, blockName).targets(module);
                case KUBERNETES_CHARTS, NOMAD_CHARTS, SYSTEMD_CHARTS -> new ChartsBlock(block).targets(module);
            };
            return new Evaluated(List.copyOf(targets), null);
        } catch (WorkspaceException e) {
            return new Evaluated(List.of(), e);
        }
    }

    /**
     * The chart at {@code address}, evaluating only its block: like {@link #target}, and an error
     * when the target there is not a chart.
     */
    public synchronized ChartTarget chartTarget(TargetAddress address) {
        return target(address, ChartTarget.class, "a chart", BlockType.KUBERNETES_CHARTS,
                "; or //cell/" + BlockType.NOMAD_CHARTS.blockName() + "/name, //cell/" + BlockType.SYSTEMD_CHARTS.blockName() + "/name");
    }

    /** The environments of {@code cell}: the names of {@code cells/<cell>/environments/*.pkl}, sorted. */
    public List<String> environments(String cell) {
        Path directory = root.resolve(CELLS_DIR).resolve(cell).resolve(ENVIRONMENTS_DIR);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        return list(directory).stream()
                .map(file -> file.getFileName().toString())
                .filter(name -> name.endsWith(".pkl"))
                .map(name -> name.substring(0, name.length() - ".pkl".length()))
                .filter(TargetAddress::isName)
                .toList();
    }

    /**
     * Renders {@code chart} as {@code environment} amends it (as its block has it without one),
     * handing the chart function {@code input}: evaluates the environment, then a module that
     * amends the chart's {@code input} and exports its objects. A Pkl error names the file and
     * line it comes from, the environment's included.
     */
    public synchronized RenderedChart render(ChartTarget chart, Optional<String> environment, ChartInput input) {
        ChartRendering.Scheduler scheduler = ChartRendering.Scheduler.of(chart.type());
        Optional<Path> environmentFile = environment.map(name -> environmentFile(chart, name));
        environmentFile.ifPresent(file -> evaluate(file, ENVIRONMENT_MODULE, "fix the environment; it amends \""
                + ENVIRONMENT_MODULE + "\" and sets " + scheduler.property() + " = (import(\"../"
                + chart.type().fileName() + "\")) { … } (docs/charts.md)"));
        String text = ChartRendering.module(chart.blockFile(), environmentFile, scheduler, chart.address().name(),
                input, environment);
        Path renderFile = chart.blockFile().resolveSibling(".cairn-render-" + (++renders) + "-"
                + chart.address().name() + environment.map(name -> "-" + name).orElse("") + ".pkl");
        String source = display(environmentFile.orElse(chart.blockFile()));
        PModule module;
        try {
            module = pkl.evaluate(renderFile.toUri(), text);
        } catch (PklEvaluator.Failure e) {
            throw new WorkspaceException(failureWhere(e, renderFile, chart.address() + " ("
                    + environment.map(name -> "environment " + name + ", " + source).orElse(source) + ")")
                    + "\n" + e.getMessage(),
                    "fix the line named above; docs/charts.md lists what a chart and an environment may set", e);
        }
        return new RenderedChart(ChartRendering.output(scheduler, chart.address().name(), module),
                new OptionValues(strings(module.get("env")), strings(module.get("secretEnv"))), source);
    }

    private static java.util.Set<String> strings(Object list) {
        return ((List<?>) list).stream().map(String.class::cast).collect(java.util.stream.Collectors.toSet());
    }

    private Path environmentFile(ChartTarget chart, String name) {
        List<String> known = environments(chart.address().cell());
        if (!known.contains(name)) {
            String message = "no environment " + name + " for " + chart.address() + ": no file "
                    + CELLS_DIR + "/" + chart.address().cell() + "/" + ENVIRONMENTS_DIR + "/" + name + ".pkl";
            Optional<String> suggestion = Suggestions.closest(name, known);
            throw new WorkspaceException(suggestion.map(s -> message + "; did you mean " + s + "?").orElse(message),
                    known.isEmpty() ? "write one: it amends \"cairn:Environment\" (docs/charts.md)"
                            : "the cell's environments are " + String.join(", ", known));
        }
        return root.resolve(CELLS_DIR).resolve(chart.address().cell()).resolve(ENVIRONMENTS_DIR).resolve(name + ".pkl");
    }

    /**
     * Evaluates a workspace module, checking that it amends {@code schema}. A Pkl error keeps
     * Pkl's text, which shows the offending line and names its module, after a first line
     * naming the file, and the line when the error is in that file: {@code cells/a/oci-images.pkl:4: …}.
     */
    private PModule evaluate(Path file, URI schema, String hint) {
        if (closed) {
            throw new IllegalStateException("the workspace " + root + " is closed");
        }
        String shown = display(file);
        PModule module;
        try {
            module = pkl.evaluate(file);
        } catch (PklEvaluator.Failure e) {
            throw new WorkspaceException(failureWhere(e, file, shown) + "\n" + e.getMessage(), hint, e);
        }
        URI amended = module.getClassInfo().getModuleUri();
        if (!schema.equals(amended)) {
            throw new WorkspaceException(shown + " does not amend \"" + schema + "\"",
                    "start " + shown + " with the line: amends \"" + schema + "\"");
        }
        return module;
    }

    /** The first line of a Pkl error's message: the file evaluated, and the line the error is at. */
    private String failureWhere(PklEvaluator.Failure e, Path file, String shown) {
        return e.location()
                .map(at -> at.file().equals(file)
                        ? shown + ":" + at.line() + ": Pkl evaluation failed"
                        : shown + ": Pkl evaluation failed at " + display(at.file()) + ":" + at.line())
                .orElse(shown + ": Pkl evaluation failed");
    }

    /** A workspace file as messages name it: relative to the root. */
    private String display(Path file) {
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }

    /** The workspace's Pkl evaluator, for tests that ask whether it started or hit its cache. */
    PklEvaluator pkl() {
        return pkl;
    }

    /** Closes the Pkl evaluator; the targets already returned stay valid. */
    @Override
    public synchronized void close() {
        closed = true;
        pkl.close();
    }

    private record Evaluated(List<Target> targets, WorkspaceException error) {}

    private record LockRead(Optional<FileTime> modified, long size, Lock lock) {}
}
