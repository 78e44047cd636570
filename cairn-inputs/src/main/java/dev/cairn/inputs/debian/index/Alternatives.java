package dev.cairn.inputs.debian.index;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One entry of a relation field: possibilities separated by '|', any one of which satisfies
 * it ({@code default-mta | mail-transport-agent}). Most entries have exactly one.
 */
public record Alternatives(List<Relation> options) {
    public Alternatives {
        options = List.copyOf(options);
        if (options.isEmpty()) {
            throw new IllegalArgumentException("an entry has at least one possibility");
        }
    }

    public static Alternatives of(Relation relation) {
        return new Alternatives(List.of(relation));
    }

    /** The possibilities that apply on this architecture; empty when none does. */
    public List<Relation> applicableTo(String architecture) {
        return options.stream().filter(option -> option.appliesTo(architecture)).toList();
    }

    @Override
    public String toString() {
        return options.stream().map(Relation::toString).collect(Collectors.joining(" | "));
    }
}
