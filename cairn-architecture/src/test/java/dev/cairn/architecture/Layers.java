package dev.cairn.architecture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layer table of docs/architecture.md as data: each module, its package, and the modules
 * it may depend on. A module may use what those modules may use in turn (dependencies point
 * down, not only one step down), and nothing above it.
 */
final class Layers {
    record Layer(String module, String packageName, Set<String> mayUse) {}

    private static final Map<String, Layer> BY_MODULE = new LinkedHashMap<>();

    static {
        add("cairn-oci", "dev.cairn.oci");
        add("cairn-store", "dev.cairn.store");
        add("cairn-inputs", "dev.cairn.inputs", "cairn-store");
        add("cairn-packaging", "dev.cairn.packaging", "cairn-store", "cairn-inputs");
        add("cairn-operable", "dev.cairn.operable", "cairn-store", "cairn-packaging");
        add("cairn-image", "dev.cairn.image", "cairn-store", "cairn-operable", "cairn-oci");
        add("cairn-chart", "dev.cairn.chart", "cairn-image");
        add("cairn-attest", "dev.cairn.attest", "cairn-store", "cairn-inputs", "cairn-oci");
        add("cairn-workspace", "dev.cairn.workspace", "cairn-oci", "cairn-store", "cairn-inputs",
                "cairn-packaging", "cairn-operable", "cairn-image", "cairn-chart", "cairn-attest");
        add("cairn-cli", "dev.cairn.cli", "cairn-workspace", "cairn-oci", "cairn-store", "cairn-inputs",
                "cairn-packaging", "cairn-operable", "cairn-image", "cairn-chart", "cairn-attest");
    }

    private Layers() {}

    private static void add(String module, String packageName, String... mayUse) {
        BY_MODULE.put(module, new Layer(module, packageName, Set.of(mayUse)));
    }

    static Optional<Layer> module(String module) {
        return Optional.ofNullable(BY_MODULE.get(module));
    }

    /** The layer whose package holds {@code packageName}, if any. */
    static Optional<Layer> owning(String packageName) {
        return BY_MODULE.values().stream()
                .filter(layer -> packageName.equals(layer.packageName())
                        || packageName.startsWith(layer.packageName() + "."))
                .findFirst();
    }

    /** Every module {@code module} may reach: its own list, and theirs, recursively. */
    static Set<String> reachableFrom(String module) {
        Set<String> reachable = new TreeSet<>();
        Layer layer = BY_MODULE.get(module);
        if (layer == null) {
            return reachable;
        }
        for (String lower : layer.mayUse()) {
            if (reachable.add(lower)) {
                reachable.addAll(reachableFrom(lower));
            }
        }
        return reachable;
    }

    static boolean mayDependOn(String from, String to) {
        return from.equals(to) || reachableFrom(from).contains(to);
    }
}
