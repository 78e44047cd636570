package dev.cairn.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A chart's rendered objects, plain data (maps in the order their keys were written, lists,
 * strings, numbers, booleans), and their text: YAML documents or one JSON document.
 *
 * @param objects the objects, each with {@code apiVersion}, {@code kind} and {@code metadata.name}
 */
public record Manifests(List<Map<String, Object>> objects) implements Rendering {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    public Manifests {
        objects = List.copyOf(objects);
        for (Map<String, Object> object : objects) {
            Objects.requireNonNull(object.get("kind"), "every object has a kind");
        }
    }

    /** How manifests are written out. */
    public enum Format {
        YAML, JSON;

        public static Format parse(String text) {
            return switch (text) {
                case "yaml" -> YAML;
                case "json" -> JSON;
                default -> throw new ChartException("--format " + text + " is not a manifest format",
                        "use --format yaml or --format json (cairn render also takes --format helm --out DIR)");
            };
        }

        String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public List<String> formats() {
        return List.of("yaml", "json");
    }

    @Override
    public String text(Optional<String> format) {
        return text(Format.parse(format(format)));
    }

    @Override
    public List<Path> write(Path directory, Optional<String> format) throws IOException {
        return write(directory, Format.parse(format(format)));
    }

    /** All objects as text: YAML documents separated by {@code ---}, or a JSON {@code List} of them. */
    public String text(Format format) {
        return switch (format) {
            case YAML -> yaml();
            case JSON -> json(list());
        };
    }

    /** Every object as a YAML document, each starting with {@code ---}. */
    public String yaml() {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> object : objects) {
            text.append("---\n").append(yaml(object));
        }
        return text.toString();
    }

    /** The objects as kubectl reads many at once: {@code {"apiVersion": "v1", "kind": "List", "items": […]}}. */
    private Map<String, Object> list() {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        list.put("items", objects);
        return list;
    }

    /**
     * Writes each object to a file of its own in {@code directory}, {@code NN-<kind>-<name>.<format>}
     * in the order rendered, each under a temporary name first; returns the files.
     */
    public List<Path> write(Path directory, Format format) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        int index = 0;
        for (Map<String, Object> object : objects) {
            index++;
            String kind = ((String) object.get("kind")).toLowerCase(Locale.ROOT);
            Object metadata = object.get("metadata");
            String name = metadata instanceof Map<?, ?> meta && meta.get("name") instanceof String n ? n : "unnamed";
            Path file = directory.resolve(String.format(Locale.ROOT, "%02d-%s-%s.%s", index, kind, name, format.extension()));
            String text = format == Format.YAML ? yaml(object) : json(object);
            written.add(AtomicFiles.write(file, text));
        }
        return written;
    }

    static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifests are plain data and always serialise", e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writer(PRETTY).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifests are plain data and always serialise", e);
        }
    }
}
