package dev.cairn.packaging.derivation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cairn.store.ContentAddress;
import dev.cairn.store.StorePath;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A build, described canonically: the command and its arguments, the environment, every
 * store object it may read, and the system it runs on. Nothing else reaches the build (the
 * sandbox sees to that), so this description decides the output, and its hash names the
 * output path before the build runs: the same description is built once, then comes from
 * the store.
 *
 * @param name the output's name, e.g. {@code hello-1.0}
 * @param system e.g. {@code x86_64-linux}
 * @param builder the command and its arguments, run in {@code /build}
 * @param env the build's own variables; the sandbox adds the fixed ones ({@code HOME},
 *     {@code TZ}, …) and {@code out}
 * @param inputs every store object visible to the build (closures included): its sources,
 *     its tools, the Debian packages of its root filesystem
 * @param rootfs the objects laid out as the build's root filesystem, in order (a subset of
 *     {@code inputs}), e.g. Debian packages and their configuration
 * @param trees objects (a subset of {@code inputs}) the build sees placed in directories of
 *     their own rather than at their store paths ({@link InputTree}); usually none
 * @param sourceDateEpoch the build's {@code SOURCE_DATE_EPOCH}: part of the description,
 *     since tools stamp it into what they write
 * @param sandboxed false for a build run on the host ({@code --no-sandbox}): what it saw is not
 *     described here, so it must never share an output path with the sandboxed build
 */
public record Derivation(
        String name,
        String system,
        List<String> builder,
        SortedMap<String, String> env,
        SortedSet<StorePath> inputs,
        List<StorePath> rootfs,
        List<InputTree> trees,
        long sourceDateEpoch,
        boolean sandboxed) {
    /** Part of the hashed description: a change of meaning gets a new number, so old outputs are never reused. */
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public Derivation {
        StorePath.validateName(name);
        Objects.requireNonNull(system, "system");
        builder = List.copyOf(builder);
        if (builder.isEmpty()) {
            throw new IllegalArgumentException("a derivation runs a command");
        }
        env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
        if (env.containsKey("out")) {
            throw new IllegalArgumentException("'out' is set by the build itself, to the output path");
        }
        inputs = Collections.unmodifiableSortedSet(new TreeSet<>(inputs));
        rootfs = List.copyOf(rootfs);
        if (!inputs.containsAll(rootfs)) {
            throw new IllegalArgumentException("every rootfs object must also be an input");
        }
        trees = List.copyOf(trees);
        Set<String> treePaths = new HashSet<>();
        for (InputTree tree : trees) {
            if (!treePaths.add(tree.path())) {
                throw new IllegalArgumentException("two input trees at " + tree.path());
            }
            if (!inputs.containsAll(tree.entries().values())) {
                throw new IllegalArgumentException("every object of the input tree at " + tree.path()
                        + " must also be an input");
            }
        }
    }

    /** A build in the sandbox, the only kind a workspace describes. */
    public Derivation(String name, String system, List<String> builder, SortedMap<String, String> env,
            SortedSet<StorePath> inputs, List<StorePath> rootfs, long sourceDateEpoch) {
        this(name, system, builder, env, inputs, rootfs, List.of(), sourceDateEpoch, true);
    }

    /** The same build run on the host: another description, so another output path. */
    public Derivation withoutSandbox() {
        return new Derivation(name, system, builder, env, inputs, rootfs, trees, sourceDateEpoch, false);
    }

    /** The same build, seeing {@code trees} too. */
    public Derivation withTrees(List<InputTree> trees) {
        return new Derivation(name, system, builder, env, inputs, rootfs, trees, sourceDateEpoch, sandboxed);
    }

    /** The inputs the build sees at their store paths: all but those placed in {@link #trees()}. */
    public SortedSet<StorePath> atStorePaths() {
        SortedSet<StorePath> bound = new TreeSet<>(inputs);
        trees.forEach(tree -> bound.removeAll(tree.entries().values()));
        return Collections.unmodifiableSortedSet(bound);
    }

    /**
     * The description as hashed: JSON, keys in a fixed order, store paths as text. {@code sandbox}
     * appears only when false and {@code trees} only when there are some, so every build that has
     * neither keeps the output path it always had.
     */
    public String canonical() {
        Map<String, Object> description = new TreeMap<>(Map.of(
                "format", FORMAT,
                "name", name,
                "system", system,
                "builder", builder,
                "env", env,
                "inputs", inputs.stream().map(StorePath::toString).toList(),
                "rootfs", rootfs.stream().map(StorePath::toString).toList(),
                "sourceDateEpoch", sourceDateEpoch));
        if (!sandboxed) {
            description.put("sandbox", false);
        }
        if (!trees.isEmpty()) {
            description.put("trees", trees.stream().map(InputTree::description).toList());
        }
        try {
            return JSON.writeValueAsString(description);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a derivation is plain data and always serialises", e);
        }
    }

    /** Where the output goes: named by this description, not by what the build writes. */
    public StorePath outputPath() {
        return ContentAddress.outputPath(canonical(), name);
    }
}
