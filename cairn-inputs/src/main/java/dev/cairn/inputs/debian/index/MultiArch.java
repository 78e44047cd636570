package dev.cairn.inputs.debian.index;

import dev.cairn.inputs.InputsException;
import java.util.Locale;

/** A package's {@code Multi-Arch} field: how it may satisfy other architectures' dependencies. */
public enum MultiArch {
    /** The default: satisfies only dependencies from its own architecture. */
    NO,
    /** Co-installable with itself for other architectures (libraries). */
    SAME,
    /** Satisfies unqualified dependencies from any architecture (tools, data). */
    FOREIGN,
    /** Satisfies {@code name:any} dependencies from any architecture (interpreters). */
    ALLOWED;

    /** Reads the field's value; an absent field (empty) is {@link #NO}. */
    public static MultiArch parse(String value) {
        if (value == null || value.isBlank()) {
            return NO;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputsException("'" + value + "' is not a Multi-Arch value",
                    "Multi-Arch is one of no, same, foreign, allowed");
        }
    }
}
