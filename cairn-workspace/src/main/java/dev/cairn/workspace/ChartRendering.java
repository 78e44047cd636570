package dev.cairn.workspace;

import dev.cairn.chart.ChartInput;
import dev.cairn.chart.Manifests;
import dev.cairn.chart.NomadJob;
import dev.cairn.chart.Rendering;
import dev.cairn.chart.SystemdUnit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pkl.core.Composite;
import org.pkl.core.PModule;
import org.pkl.core.PNull;

/**
 * The Pkl side of a render: a module cairn writes that takes the chart from the environment
 * (or the block), hands it its {@link ChartInput} by amending its {@code input}, and exports
 * the objects the chart function computes; then those objects as plain data.
 */
final class ChartRendering {
    private ChartRendering() {}

    /**
     * What differs between the schedulers' chart modules, for the render: the environment's
     * property that amends the block, and what the render module exports.
     */
    enum Scheduler {
        KUBERNETES("kubernetes", "manifests = chart.manifests\nsecretEnv = chart.secretEnv.keys.toList()\n"),
        NOMAD("nomad", "job = chart.job\nsecretEnv = List()\n"),
        SYSTEMD("systemd", "unit = chart.unit\nheader = chart.header\nsecretEnv = List()\n");

        private final String property;
        private final String exports;

        Scheduler(String property, String exports) {
            this.property = property;
            this.exports = exports;
        }

        /** The environment's property holding the amended block, e.g. {@code kubernetes}. */
        String property() {
            return property;
        }

        static Scheduler of(BlockType type) {
            return switch (type) {
                case KUBERNETES_CHARTS -> KUBERNETES;
                case NOMAD_CHARTS -> NOMAD;
                case SYSTEMD_CHARTS -> SYSTEMD;
                default -> throw new IllegalArgumentException(type + " is not a chart block");
            };
        }
    }

    /**
     * The render module's text.
     *
     * @param block the chart block
     * @param environment the environment's file, if one is rendered
     * @param scheduler whose chart it is
     */
    static String module(Path block, Optional<Path> environment, Scheduler scheduler, String chart,
            ChartInput input, Optional<String> environmentName) {
        StringBuilder text = new StringBuilder();
        text.append("import ").append(string(block.toUri().toString())).append(" as block\n");
        if (environment.isPresent()) {
            text.append("import ").append(string(environment.get().toUri().toString())).append(" as environment\n");
            text.append("local charts = environment.").append(scheduler.property()).append(" ?? block\n");
        } else {
            text.append("local charts = block\n");
        }
        text.append("local chart = (charts.charts[").append(string(chart)).append("]) {\n");
        text.append("  input {\n");
        text.append("    name = ").append(string(input.name())).append('\n');
        text.append("    digest = ").append(string(input.digest().toString())).append('\n');
        text.append("    env {\n");
        for (ChartInput.Option option : input.options()) {
            text.append("      new { name = ").append(string(option.name()))
                    .append("; default = ").append(option.defaultValue().map(ChartRendering::string).orElse("null"))
                    .append("; required = ").append(option.required())
                    .append("; description = ").append(string(option.description())).append(" }\n");
        }
        text.append("    }\n");
        text.append("    livenessProbe = ").append(input.livenessProbe().map(ChartRendering::string).orElse("null")).append('\n');
        text.append("    readinessProbe = ").append(input.readinessProbe().map(ChartRendering::string).orElse("null")).append('\n');
        text.append("    ports {\n");
        for (ChartInput.Port port : input.ports()) {
            text.append("      new { number = ").append(port.number()).append("; protocol = ")
                    .append(string(port.protocol())).append(" }\n");
        }
        text.append("    }\n");
        text.append("    uid = ").append(input.uid()).append('\n');
        text.append("    gid = ").append(input.gid()).append('\n');
        text.append("    script = ").append(string(input.script())).append('\n');
        text.append("    debian {\n");
        for (String name : input.debian()) {
            text.append("      ").append(string(name)).append('\n');
        }
        text.append("    }\n");
        text.append("    environment = ").append(environmentName.map(ChartRendering::string).orElse("null")).append('\n');
        text.append("  }\n");
        text.append("}\n");
        text.append("env = chart.env.keys.toList()\n");
        text.append(scheduler.exports);
        return text.toString();
    }

    /** What the render module {@code module} of a chart named {@code name} exports, as cairn-chart's value. */
    @SuppressWarnings("unchecked")
    static Rendering output(Scheduler scheduler, String name, PModule module) {
        return switch (scheduler) {
            case KUBERNETES -> {
                List<Map<String, Object>> objects = new ArrayList<>();
                for (Object object : (List<?>) module.get("manifests")) {
                    objects.add(object((Composite) object));
                }
                yield new Manifests(objects);
            }
            case NOMAD -> new NomadJob(name, object((Composite) module.get("job")));
            case SYSTEMD -> {
                Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
                object((Composite) module.get("unit")).forEach((section, settings) ->
                        sections.put(section, (Map<String, Object>) settings));
                List<String> header = ((List<?>) module.get("header")).stream().map(String.class::cast).toList();
                yield new SystemdUnit(name, header, sections);
            }
        };
    }

    /** {@code value} as a Pkl string literal. */
    static String string(String value) {
        StringBuilder literal = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> literal.append("\\\\");
                case '"' -> literal.append("\\\"");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        literal.append("\\u{").append(Integer.toHexString(c)).append('}');
                    } else {
                        literal.appendCodePoint(c);
                    }
                }
            }
        });
        return literal.append('"').toString();
    }

    /**
     * A rendered object as plain data: properties in the order the classes declare them (the
     * object's {@code apiVersion}, {@code kind} and {@code metadata} first), {@code null}s and
     * empty listings and mappings left out; empty objects kept ({@code emptyDir: {}} means something).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Composite object) {
        Map<String, Object> plain = (Map<String, Object>) plain(object);
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String first : List.of("apiVersion", "kind", "metadata")) {
            if (plain.containsKey(first)) {
                ordered.put(first, plain.remove(first));
            }
        }
        ordered.putAll(plain);
        return ordered;
    }

    private static Object plain(Object value) {
        return switch (value) {
            case Composite composite -> {
                Map<String, Object> map = new LinkedHashMap<>();
                composite.getProperties().forEach((name, property) -> put(map, name, property));
                yield map;
            }
            case Map<?, ?> mapping -> {
                Map<String, Object> map = new LinkedHashMap<>();
                mapping.forEach((key, entry) -> put(map, String.valueOf(key), entry));
                yield map;
            }
            case List<?> listing -> {
                List<Object> list = new ArrayList<>();
                listing.forEach(element -> {
                    if (!(element instanceof PNull)) {
                        list.add(plain(element));
                    }
                });
                yield list;
            }
            case String s -> s;
            case Long l -> l;
            case Double d -> d;
            case Boolean b -> b;
            default -> throw new IllegalStateException("a chart rendered a value manifests cannot hold: " + value
                    + " (" + value.getClass().getSimpleName() + ")");
        };
    }

    private static void put(Map<String, Object> map, String name, Object value) {
        if (value instanceof PNull || value == null) {
            return;
        }
        if ((value instanceof List<?> list && list.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty())) {
            return;
        }
        map.put(name, plain(value));
    }
}
