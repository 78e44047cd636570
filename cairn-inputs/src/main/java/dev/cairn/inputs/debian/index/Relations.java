package dev.cairn.inputs.debian.index;

import dev.cairn.inputs.InputsException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A relation field's value, parsed once: entries separated by ',' that must all hold, each
 * an {@link Alternatives} of possibilities separated by '|'.
 */
public record Relations(List<Alternatives> entries) {
    private static final Relations NONE = new Relations(List.of());

    public Relations {
        entries = List.copyOf(entries);
    }

    public static Relations none() {
        return NONE;
    }

    /**
     * Parses a field's value. An empty or blank value is no relations; an empty entry between
     * commas is an error, as it is to dpkg.
     */
    public static Relations parse(String text, RelationField field) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Alternatives> entries = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            String[] possibilities = entry.split("\\|", -1);
            if (possibilities.length > 1 && !field.allowsAlternatives()) {
                throw new InputsException(field + ": '" + entry.strip() + "': alternatives ('|') are not allowed in "
                        + field, "only dependency fields (Depends, Pre-Depends, Recommends...) take alternatives");
            }
            List<Relation> options = new ArrayList<>();
            for (String possibility : possibilities) {
                options.add(Relation.parse(possibility, field));
            }
            entries.add(new Alternatives(options));
        }
        return new Relations(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Every possibility of every entry: for fields without alternatives, the relations. */
    public List<Relation> all() {
        return entries.stream().flatMap(entry -> entry.options().stream()).toList();
    }

    @Override
    public String toString() {
        return entries.stream().map(Alternatives::toString).collect(Collectors.joining(", "));
    }
}
