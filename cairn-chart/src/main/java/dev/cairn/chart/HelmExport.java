package dev.cairn.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Kubernetes chart's render as a Helm v2 chart: {@code Chart.yaml}, {@code values.yaml} holding
 * what the chart's parameters control, and {@code templates/} holding each rendered object with
 * those fields replaced by template expressions. With its default values the chart renders
 * exactly the objects cairn rendered.
 *
 * <p>The values are read back from the rendered objects at the paths the chart function fills from
 * its parameters (the replicas, the container's image and resources, the ConfigMap's data, the
 * labels, the Service's type, the namespace); a field becomes a value only where the expression
 * reproduces what was rendered from the value, so whatever an environment amended in the objects
 * themselves (a probe's delay, an extra label on one object) stays in the templates as rendered,
 * and {@link #baked()} says which of the usual values it kept there. The templates use only
 * Go's {@code text/template} and sprig functions ({@code toJson}, {@code toRawJson},
 * {@code mergeOverwrite}, {@code dict}, {@code list}, {@code hasKey}, {@code get}, {@code ternary},
 * {@code sha256sum}, {@code printf}): a value is written as JSON, which YAML reads as it is.
 *
 * @param files the chart's files by path relative to its directory, in name order
 * @param baked what stayed fixed in the templates although a parameter usually controls it, and why
 */
public record HelmExport(SortedMap<String, String> files, List<String> baked) {
    private static final String NAME_LABEL = "app.kubernetes.io/name";
    private static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    private static final String CONFIG_HASH = "cairn.dev/config-sha256";
    private static final Pattern PLACEHOLDER = Pattern.compile("cairnhelmvalue[a-z]+");

    public HelmExport {
        files = new TreeMap<>(files);
        baked = List.copyOf(baked);
    }

    /**
     * The Helm chart of {@code manifests}, the render of the chart {@code chart} (its address, for
     * the chart's description) with {@code input}, in {@code environment} (or its block, without one).
     */
    public static HelmExport of(String chart, ChartInput input, Optional<String> environment, Manifests manifests) {
        return new Builder(input, manifests).build(chart, environment);
    }

    /**
     * Writes the files into {@code directory}, each under a temporary name first; template files of
     * an earlier export that this one does not have are removed. Returns the files written.
     */
    public List<Path> write(Path directory) throws IOException {
        Path templates = directory.resolve("templates");
        Files.createDirectories(templates);
        try (Stream<Path> old = Files.list(templates)) {
            for (Path file : old.filter(f -> f.getFileName().toString().matches("[0-9]{2}-.*\\.yaml")).toList()) {
                if (!files.containsKey("templates/" + file.getFileName())) {
                    Files.delete(file);
                }
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> entry : files.entrySet()) {
            Path file = directory.resolve(entry.getKey());
            Path temporary = Files.createTempFile(file.getParent(), ".cairn-", ".tmp");
            try {
                Files.writeString(temporary, entry.getValue(), StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            written.add(file);
        }
        return written;
    }

    /** Walks the rendered objects once, reading the values and putting placeholders where they go. */
    private static final class Builder {
        private final ChartInput input;
        private final Manifests manifests;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, String> expressions = new LinkedHashMap<>();
        private final List<String> baked = new ArrayList<>();
        private final Map<String, Object> fixedLabels = new LinkedHashMap<>();

        Builder(ChartInput input, Manifests manifests) {
            this.input = input;
            this.manifests = manifests;
            fixedLabels.put(NAME_LABEL, input.name());
            fixedLabels.put(MANAGED_BY_LABEL, "cairn");
        }

        HelmExport build(String chart, Optional<String> environment) {
            Map<String, Object> workload = manifests.objects().stream()
                    .filter(o -> o.get("kind").equals("Deployment") || o.get("kind").equals("StatefulSet"))
                    .findFirst().orElseThrow(() -> new ChartException(chart + " rendered no Deployment or StatefulSet",
                            "a Helm export needs the chart's workload; do not remove it from manifests"));
            Map<String, Object> workloadMetadata = map(workload.get("metadata"));
            readValues(workload, workloadMetadata);

            SortedMap<String, String> files = new TreeMap<>();
            int index = 0;
            for (Map<String, Object> object : manifests.objects()) {
                index++;
                Map<String, Object> template = copy(object);
                placeValues(template);
                String kind = ((String) object.get("kind")).toLowerCase(Locale.ROOT);
                String name = object.get("metadata") instanceof Map<?, ?> meta && meta.get("name") instanceof String n
                        ? n : "unnamed";
                files.put(String.format(Locale.ROOT, "templates/%02d-%s-%s.yaml", index, kind, name), templateText(template));
            }
            values.keySet().retainAll(usedValues());
            String where = environment.map(env -> "environment " + env).orElse("its block, no environment");
            files.put("Chart.yaml", Manifests.yaml(chartMetadata(chart, where)));
            files.put("values.yaml", "# " + chart + " as " + where + " renders it: `helm template` with these values\n"
                    + "# gives cairn's render. docs/charts.md#helm-export says what each value is.\n"
                    + Manifests.yaml(values));
            return new HelmExport(files, baked);
        }

        private Map<String, Object> chartMetadata(String chart, String where) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("apiVersion", "v1");
            metadata.put("name", input.name());
            // SemVer, as Helm requires; the build metadata names the image, so that two exports of
            // different images never pass for the same chart version.
            metadata.put("version", "0.1.0+" + input.digest().encoded().substring(0, 12));
            metadata.put("appVersion", input.digest().toString());
            metadata.put("description", chart + " exported by cairn render --format helm from " + where);
            return metadata;
        }

        /** The values, as the workload has them: what the other objects are checked against. */
        private void readValues(Map<String, Object> workload, Map<String, Object> metadata) {
            Map<String, Object> image = new LinkedHashMap<>();
            Optional<Map<String, Object>> container = container(workload);
            String suffix = "@" + input.digest();
            if (container.isPresent() && container.get().get("image") instanceof String reference
                    && reference.endsWith(suffix)) {
                image.put("repository", reference.substring(0, reference.length() - suffix.length()));
                image.put("digest", input.digest().toString());
                values.put("image", image);
            }
            if (map(workload.get("spec")).get("replicas") instanceof Number replicas) {
                values.put("replicas", replicas);
            }
            container.map(c -> c.get("resources")).ifPresent(resources -> values.put("resources", resources));
            manifests.objects().stream().filter(o -> o.get("kind").equals("ConfigMap")).findFirst()
                    .map(configMap -> configMap.get("data"))
                    .ifPresent(data -> values.put("config", data));
            Map<String, Object> labels = new LinkedHashMap<>();
            map(metadata.get("labels")).forEach((key, value) -> {
                if (!value.equals(fixedLabels.get(key))) {
                    labels.put(key, value);
                }
            });
            values.put("labels", labels);
            manifests.objects().stream().filter(o -> o.get("kind").equals("Service")).findFirst()
                    .map(service -> map(service.get("spec")).get("type"))
                    .ifPresent(type -> values.put("serviceType", type));
            if (metadata.get("namespace") instanceof String namespace) {
                values.put("namespace", namespace);
            }
        }

        /** Replaces, in {@code object} (a copy), each field a value reproduces with that value's placeholder. */
        private void placeValues(Map<String, Object> object) {
            Map<String, Object> metadata = map(object.get("metadata"));
            labels(metadata, "metadata.labels of the " + object.get("kind"));
            if (values.containsKey("namespace") && Objects.equals(metadata.get("namespace"), values.get("namespace"))) {
                metadata.put("namespace", placeholder("namespace", "{{ toJson .Values.namespace }}"));
            }
            Map<String, Object> spec = map(object.get("spec"));
            switch ((String) object.get("kind")) {
                case "ConfigMap" -> {
                    if (values.containsKey("config")) {
                        object.put("data", placeholder("config", "{{ toJson .Values.config }}"));
                    }
                }
                case "Service" -> {
                    if (values.containsKey("serviceType") && spec.containsKey("type")) {
                        spec.put("type", placeholder("servicetype", "{{ toJson .Values.serviceType }}"));
                    }
                }
                case "Deployment", "StatefulSet" -> {
                    if (values.containsKey("replicas")) {
                        spec.put("replicas", placeholder("replicas", "{{ toJson .Values.replicas }}"));
                    }
                    Map<String, Object> podMetadata = map(map(spec.get("template")).get("metadata"));
                    labels(podMetadata, "the pods' labels");
                    configHash(map(podMetadata.get("annotations")));
                    container(object).ifPresent(container -> {
                        if (values.containsKey("image")) {
                            container.put("image", placeholder("image",
                                    "{{ printf \"%s@%s\" .Values.image.repository .Values.image.digest | toJson }}"));
                        }
                        if (values.containsKey("resources")) {
                            container.put("resources", placeholder("resources", "{{ toJson .Values.resources }}"));
                        }
                    });
                }
                default -> { }
            }
        }

        /** The chart's own labels and {@code .Values.labels} over them, where {@code meta}'s labels are just that. */
        private void labels(Map<String, Object> meta, String what) {
            if (!(meta.get("labels") instanceof Map<?, ?> rendered)) {
                return;
            }
            Map<String, Object> expected = new LinkedHashMap<>(fixedLabels);
            expected.putAll(map(values.get("labels")));
            if (!expected.equals(rendered)) {
                baked.add(what + ": amended in the object itself, so fixed in its template");
                return;
            }
            String fixed = fixedLabels.entrySet().stream()
                    .map(e -> goString(e.getKey()) + " " + goString((String) e.getValue()))
                    .collect(Collectors.joining(" "));
            meta.put("labels", placeholder("labels", "{{ mergeOverwrite (dict " + fixed + ") .Values.labels | toJson }}"));
        }

        /**
         * The pods' configuration hash, computed in the template from {@code .Values.config} as the
         * chart function computes it from the ConfigMap's data: the SHA-256 of Pkl's JSON of the data,
         * keys in the operable's order, two-space indent.
         */
        private void configHash(Map<String, Object> annotations) {
            if (!annotations.containsKey(CONFIG_HASH) || !values.containsKey("config")) {
                return;
            }
            Map<String, Object> config = map(values.get("config"));
            if (!annotations.get(CONFIG_HASH).equals(sha256(pklJson(config)))) {
                baked.add(CONFIG_HASH + ": amended in the Deployment itself, so fixed in its template"
                        + " (pods will not restart when .Values.config changes)");
                return;
            }
            if (config.entrySet().stream().anyMatch(e -> !jsonSafe(e.getKey()) || !jsonSafe((String) e.getValue()))) {
                baked.add(CONFIG_HASH + ": a configuration value holds a control character, which Go's JSON writes"
                        + " differently from Pkl's, so the hash is fixed in the template"
                        + " (pods will not restart when .Values.config changes)");
                return;
            }
            String options = input.options().stream().map(o -> goString(o.name())).collect(Collectors.joining(" "));
            annotations.put(CONFIG_HASH, placeholder("confighash",
                    "{{ $c := \"\" }}{{ range list " + options + " }}{{ if hasKey $.Values.config . }}"
                            + "{{ $c = printf \"%s%s\\n  %s: %s\" $c (ternary \"\" \",\" (eq $c \"\"))"
                            + " (toRawJson .) (toRawJson (get $.Values.config .)) }}{{ end }}{{ end }}"
                            + "{{ ternary \"{}\" (printf \"{%s\\n}\" $c) (eq $c \"\") | sha256sum | toJson }}"));
        }

        private String placeholder(String value, String expression) {
            String placeholder = "cairnhelmvalue" + value;
            expressions.put(placeholder, expression);
            return placeholder;
        }

        private List<String> usedValues() {
            List<String> used = new ArrayList<>();
            expressions.keySet().forEach(placeholder -> used.add(switch (placeholder.substring("cairnhelmvalue".length())) {
                case "servicetype" -> "serviceType";
                case "confighash" -> "config";
                default -> placeholder.substring("cairnhelmvalue".length());
            }));
            return used;
        }

        /** The object as YAML, text that looks like a template action escaped, placeholders replaced. */
        private String templateText(Map<String, Object> template) {
            String text = Manifests.yaml(template).replace("{{", "{{ \"{{\" }}");
            return PLACEHOLDER.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                    Objects.requireNonNull(expressions.get(match.group()), match.group())));
        }

        private Optional<Map<String, Object>> container(Map<String, Object> workload) {
            Object containers = map(map(map(workload.get("spec")).get("template")).get("spec")).get("containers");
            if (containers instanceof List<?> list) {
                for (Object container : list) {
                    if (container instanceof Map<?, ?> c && input.name().equals(c.get("name"))) {
                        return Optional.of(map(c));
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** Pkl's {@code JsonRenderer} text of a mapping of strings, as the chart function hashes it. */
    static String pklJson(Map<String, Object> data) {
        if (data.isEmpty()) {
            return "{}";
        }
        return data.entrySet().stream()
                .map(e -> "  " + jsonString(e.getKey()) + ": " + jsonString((String) e.getValue()))
                .collect(Collectors.joining(",\n", "{\n", "\n}"));
    }

    private static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        value.chars().forEach(c -> {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> json.append((char) c);
            }
        });
        return json.append('"').toString();
    }

    /** Whether Go's JSON (sprig's toRawJson) and Pkl's write {@code value} alike: no control characters but \n, \r, \t. */
    private static boolean jsonSafe(String value) {
        return value.chars().noneMatch(c -> (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
                || c == 0x7f || c == 0x2028 || c == 0x2029);
    }

    /** {@code value} as a Go string literal in a template action. */
    private static String goString(String value) {
        return jsonString(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
    }

    /** A deep, mutable copy of rendered data. */
    @SuppressWarnings("unchecked")
    private static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, entry) -> copy.put((String) key, copy(entry)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(copy(element)));
            return (T) copy;
        }
        return value;
    }
}
