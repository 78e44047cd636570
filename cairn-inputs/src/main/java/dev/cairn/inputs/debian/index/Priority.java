package dev.cairn.inputs.debian.index;

import dev.cairn.inputs.InputsException;
import java.util.Locale;

/** A package's {@code Priority} (Policy 2.5), most important first, so the order compares. */
public enum Priority {
    REQUIRED,
    IMPORTANT,
    STANDARD,
    OPTIONAL,
    /** Deprecated since Policy 4.0.1 (now the same as optional); still found in archives. */
    EXTRA;

    public static Priority parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputsException("'" + value + "' is not a package priority",
                    "Priority is one of required, important, standard, optional, extra");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
