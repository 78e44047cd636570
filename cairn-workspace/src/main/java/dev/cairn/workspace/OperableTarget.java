package dev.cairn.workspace;

import dev.cairn.operable.OperableSpec;
import dev.cairn.operable.Probe;
import dev.cairn.packaging.spec.BuildInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An operable declared in an {@code operables.pkl} block: one entry of its {@code operables}.
 *
 * @param spec the operable as declared, its inline probes complete (named {@code <name>-live}
 *     or {@code -ready}, with the operable's options); its addresses checked to be package or
 *     operable addresses, not that those exist ({@link Workspace#dependencies(OperableTarget)} does)
 */
public record OperableTarget(TargetAddress address, Path blockFile, OperableSpec spec) implements Target {
    private static final List<Action> ACTIONS = List.of(Action.BUILD, Action.RUN);

    public OperableTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(blockFile, "blockFile");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public List<Action> actions() {
        return ACTIONS;
    }

    /**
     * Every target the operable names, in order: its package, the packages among its runtime and
     * debug inputs, and its probes' (the packages of one written in place, the operable a probe
     * refers to).
     */
    public List<TargetAddress> references() {
        List<TargetAddress> references = new ArrayList<>();
        collect(spec, references);
        return references.stream().distinct().toList();
    }

    private static void collect(OperableSpec spec, List<TargetAddress> references) {
        spec.packageReference().ifPresent(reference -> references.add(TargetAddress.parse(reference.address())));
        for (List<BuildInput> inputs : List.of(spec.runtimeInputs(), spec.debugInputs())) {
            for (BuildInput input : inputs) {
                if (input instanceof BuildInput.PackageReference reference) {
                    references.add(TargetAddress.parse(reference.address()));
                }
            }
        }
        for (Probe probe : spec.probes()) {
            switch (probe) {
                case Probe.Inline inline -> collect(inline.spec(), references);
                case Probe.Reference reference -> references.add(TargetAddress.parse(reference.address()));
            }
        }
    }
}
