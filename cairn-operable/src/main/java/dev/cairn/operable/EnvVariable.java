package dev.cairn.operable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A configuration option of an operable: an environment variable the service reads, with the
 * value it takes when the operator sets none, or required. Its description is what an operator
 * reads beside it in the script.
 */
public sealed interface EnvVariable {
    /** A name a shell can assign: letters, digits and {@code _}, not starting with a digit. */
    Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    String name();

    /** What the option means, for the operator; empty when the developer said nothing. */
    String description();

    /** An option with a default: the script sets {@code value} when the variable is unset or empty. */
    record WithDefault(String name, String value, String description) implements EnvVariable {
        public WithDefault {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            description = description == null ? "" : description;
        }
    }

    /** An option without a default: the script refuses to start the service when it is unset or empty. */
    record Required(String name, String description) implements EnvVariable {
        public Required {
            Objects.requireNonNull(name, "name");
            description = description == null ? "" : description;
        }
    }

    /**
     * {@code base} with {@code over} laid over it: a variable of both takes {@code over}'s place
     * and setting, in {@code base}'s order; the others of {@code over} follow. A probe sees the
     * service's options this way, plus its own.
     */
    static List<EnvVariable> overlay(List<EnvVariable> base, List<EnvVariable> over) {
        Map<String, EnvVariable> merged = new LinkedHashMap<>();
        base.forEach(variable -> merged.put(variable.name(), variable));
        over.forEach(variable -> merged.put(variable.name(), variable));
        return List.copyOf(new ArrayList<>(merged.values()));
    }
}
