package dev.cairn.inputs.debian.index;

/** The {@code (op version)} part of a relation, e.g. {@code >= 2.36}. */
public record VersionConstraint(RelationOperator operator, DebianVersion version) {
    public boolean satisfiedBy(DebianVersion actual) {
        return operator.holds(actual, version);
    }

    @Override
    public String toString() {
        return operator.symbol() + " " + version;
    }
}
