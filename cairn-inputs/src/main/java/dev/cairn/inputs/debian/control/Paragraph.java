package dev.cairn.inputs.debian.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One paragraph of a Debian control file (deb822): fields in their order, looked up without
 * regard to case as Debian's tools do. Multi-line values keep their line breaks, with the
 * continuation lines' leading space removed.
 *
 * @param line the line number (1-based) the paragraph starts at, for messages
 */
public record Paragraph(Map<String, String> fields, int line) {
    public Paragraph {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Optional<String> get(String field) {
        String exact = fields.get(field);
        if (exact != null) {
            return Optional.of(exact);
        }
        String lower = field.toLowerCase(Locale.ROOT);
        return fields.entrySet().stream()
                .filter(entry -> entry.getKey().toLowerCase(Locale.ROOT).equals(lower))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The field's value, or an empty string when absent. */
    public String value(String field) {
        return get(field).orElse("");
    }
}
