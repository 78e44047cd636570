package dev.cairn.inputs.debian.index;

/**
 * The binary relation fields of a Packages record (Policy 7), with what each allows: only the
 * dependency fields take alternatives, and a Provides may only carry an exact version.
 */
public enum RelationField {
    PRE_DEPENDS("Pre-Depends", true),
    DEPENDS("Depends", true),
    RECOMMENDS("Recommends", true),
    SUGGESTS("Suggests", true),
    ENHANCES("Enhances", true),
    PROVIDES("Provides", false),
    CONFLICTS("Conflicts", false),
    BREAKS("Breaks", false),
    REPLACES("Replaces", false);

    private final String fieldName;
    private final boolean allowsAlternatives;

    RelationField(String fieldName, boolean allowsAlternatives) {
        this.fieldName = fieldName;
        this.allowsAlternatives = allowsAlternatives;
    }

    /** The field's name as written in a control file. */
    public String fieldName() {
        return fieldName;
    }

    public boolean allowsAlternatives() {
        return allowsAlternatives;
    }

    /** Conflicts and Breaks: relations that forbid rather than require. */
    public boolean isNegative() {
        return this == CONFLICTS || this == BREAKS;
    }

    @Override
    public String toString() {
        return fieldName;
    }
}
