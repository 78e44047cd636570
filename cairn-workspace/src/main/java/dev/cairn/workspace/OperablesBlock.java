package dev.cairn.workspace;

import static dev.cairn.workspace.PklValues.list;
import static dev.cairn.workspace.PklValues.map;
import static dev.cairn.workspace.PklValues.string;

import dev.cairn.operable.EnvVariable;
import dev.cairn.operable.OperableException;
import dev.cairn.operable.OperableSpec;
import dev.cairn.operable.Probe;
import dev.cairn.packaging.PackagingException;
import dev.cairn.packaging.spec.BuildInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pkl.core.Composite;

/**
 * Turns an evaluated {@code operables.pkl} into operable targets. Pkl has checked the types of
 * {@code cairn:Operables} (names, addresses); what is left: that an option has either a
 * default or {@code required = true}, the inputs' own rules (as a package's), and what the
 * operable model checks itself. An inline probe becomes a complete operable here, named after
 * its operable, with the operable's options beneath its own.
 */
final class OperablesBlock {
    private final Block block;
    private final String blockName;

    /** @param blockName the block file as messages name it, relative to the root */
    OperablesBlock(Block block, String blockName) {
        this.block = block;
        this.blockName = blockName;
    }

    List<Target> targets(Composite module) {
        List<Target> targets = new ArrayList<>();
        for (Map.Entry<String, Object> entry : map(module, "operables").entrySet()) {
            TargetAddress address = block.target(entry.getKey());
            targets.add(new OperableTarget(address, block.file(), spec(address, (Composite) entry.getValue())));
        }
        return targets;
    }

    private OperableSpec spec(TargetAddress address, Composite declared) {
        String where = address + " (" + blockName + "): ";
        String name = address.name();
        try {
            List<EnvVariable> env = env(where, declared);
            return new OperableSpec(name,
                    packageReference(declared),
                    string(declared, "runtimeScript"),
                    env,
                    PackagesBlock.inputs(address, where, list(declared, "runtimeInputs")),
                    PackagesBlock.inputs(address, where, list(declared, "debugInputs")),
                    probe(address, where, env, declared, Probe.Kind.LIVENESS, "livenessProbe"),
                    probe(address, where, env, declared, Probe.Kind.READINESS, "readinessProbe"));
        } catch (OperableException e) {
            throw new WorkspaceException(where + withoutOperable(e.getMessage(), name), e.hint(), e);
        } catch (PackagingException e) {
            throw new WorkspaceException(where + e.getMessage(), e.hint(), e);
        }
    }

    /** An inline probe: an operable named after its operable, seeing the operable's options beneath its own. */
    private Optional<Probe> probe(TargetAddress address, String where, List<EnvVariable> operableEnv,
            Composite declared, Probe.Kind kind, String property) {
        Object probe = PklValues.value(declared, property);
        return switch (probe) {
            case null -> Optional.empty();
            case String reference -> Optional.of(new Probe.Reference(reference));
            case Composite inline -> Optional.of(new Probe.Inline(new OperableSpec(kind.nameFor(address.name()),
                    packageReference(inline),
                    string(inline, "runtimeScript"),
                    EnvVariable.overlay(operableEnv, env(where + property + ": ", inline)),
                    PackagesBlock.inputs(address, where + property + ": ", list(inline, "runtimeInputs")),
                    List.of(), Optional.empty(), Optional.empty())));
            default -> throw new IllegalStateException("unexpected probe " + probe);
        };
    }

    private static Optional<BuildInput.PackageReference> packageReference(Composite declared) {
        return Optional.ofNullable(string(declared, "package")).map(BuildInput.PackageReference::new);
    }

    private static List<EnvVariable> env(String where, Composite declared) {
        List<EnvVariable> env = new ArrayList<>();
        for (Map.Entry<String, Object> entry : map(declared, "runtimeEnv").entrySet()) {
            String name = entry.getKey();
            if (entry.getValue() instanceof String value) {
                env.add(new EnvVariable.WithDefault(name, value, ""));
                continue;
            }
            Composite variable = (Composite) entry.getValue();
            String value = string(variable, "default");
            boolean required = (Boolean) variable.get("required");
            String description = string(variable, "description");
            if (required == (value != null)) {
                throw new WorkspaceException(where + "option " + name + (required
                        ? " has a default and is required: it is one or the other"
                        : " has neither a default nor required = true"),
                        "write [\"" + name + "\"] { default = \"…\" } or [\"" + name + "\"] { required = true }");
            }
            env.add(required ? new EnvVariable.Required(name, description)
                    : new EnvVariable.WithDefault(name, value, description));
        }
        return env;
    }

    /** The model's messages name the operable, which {@code where} already does. */
    private static String withoutOperable(String message, String name) {
        String prefix = "operable " + name + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
