package dev.cairn.inputs.debian.resolve;

import dev.cairn.inputs.debian.index.Alternatives;
import dev.cairn.inputs.debian.index.BinaryPackage;
import dev.cairn.inputs.debian.index.Relation;
import dev.cairn.inputs.debian.index.RelationField;

/**
 * One dependency of the resolution: {@code from}'s field entry {@code entry} is satisfied by
 * {@code to}, through the possibility {@code matched} — by {@code to}'s own name, or by a name
 * {@code to} provides.
 */
public record Edge(BinaryPackage from, RelationField field, Alternatives entry, Relation matched, BinaryPackage to) {
    /** Whether {@code to} satisfies the relation through its Provides rather than its name. */
    public boolean viaProvides() {
        return !matched.name().equals(to.name());
    }

    /** The step as the chains in messages show it: {@code b (>= 2)}, or {@code mta (provided by exim4)}. */
    public String step() {
        return matched + (viaProvides() ? " (provided by " + to.name() + ")" : "");
    }

    @Override
    public String toString() {
        return from.name() + " " + field + " " + step();
    }
}
