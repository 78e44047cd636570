package dev.cairn.workspace;

import dev.cairn.packaging.spec.BuildInput;
import dev.cairn.packaging.spec.PackageSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A package declared in a {@code packages.pkl} block: one entry of its {@code packages}.
 *
 * @param spec the package as declared, its source resolved to an absolute path that exists
 *     inside the workspace, its references to other packages checked to be package addresses
 *     (not that those packages exist: {@link Workspace#dependencies} resolves them)
 */
public record PackageTarget(TargetAddress address, Path blockFile, PackageSpec spec) implements Target {
    private static final List<Action> ACTIONS = List.of(Action.BUILD);

    public PackageTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(blockFile, "blockFile");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public List<Action> actions() {
        return ACTIONS;
    }

    /** The addresses of the packages among the inputs, in order. */
    public List<TargetAddress> references() {
        return spec.inputs().stream()
                .filter(BuildInput.PackageReference.class::isInstance)
                .map(input -> TargetAddress.parse(((BuildInput.PackageReference) input).address()))
                .toList();
    }
}
