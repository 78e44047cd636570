package dev.cairn.operable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cairn.store.StorePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operable's store object says about itself, for the layers above: {@value #FILE} in
 * the object, beside the script. Every store path it names is a reference of the object, so the
 * object's closure is the whole runtime closure: the package, the runtime inputs, the probes,
 * and the Debian packages of its root filesystem. Debug inputs are named by request only: they
 * stay out of the runtime closure.
 *
 * @param name the operable's name
 * @param script the script, relative to the object: {@code bin/operable-<name>}
 * @param packagePath the service's package output, if the operable has one
 * @param env the options, in order, with their defaults or marked required
 * @param path the store directories the script puts first on {@code PATH}
 * @param debianRequest the Debian packages of the runtime closure, as requested
 * @param rootfs what that request resolved to: package objects and their configuration, laid
 *     over each other in this order they are the root filesystem (at their usual paths)
 * @param livenessProbe the liveness probe's script, {@code /cairn/store/<hash>-operable-<probe>/bin/operable-<probe>}
 * @param readinessProbe the readiness probe's script, likewise
 * @param debugDebianRequest the Debian packages of a debug image (runtime and debug together); empty if none
 */
public record OperableManifest(
        String name,
        String script,
        Optional<StorePath> packagePath,
        List<EnvVariable> env,
        List<String> path,
        List<String> debianRequest,
        List<StorePath> rootfs,
        Optional<String> livenessProbe,
        Optional<String> readinessProbe,
        List<String> debugDebianRequest) {
    /** Where the description lies in the operable's store object. */
    public static final String FILE = "share/cairn/operable.json";
    /** A change of meaning gets a new number. */
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    public OperableManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(packagePath, "packagePath");
        env = List.copyOf(env);
        path = List.copyOf(path);
        debianRequest = List.copyOf(debianRequest);
        rootfs = List.copyOf(rootfs);
        Objects.requireNonNull(livenessProbe, "livenessProbe");
        Objects.requireNonNull(readinessProbe, "readinessProbe");
        debugDebianRequest = List.copyOf(debugDebianRequest);
    }

    /** The JSON text: keys in a fixed order, two-space indents, {@code \n} line ends, a final newline. */
    public String json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("name", name);
        json.put("script", script);
        json.put("package", packagePath.map(StorePath::toString).orElse(null));
        List<Map<String, Object>> variables = new ArrayList<>();
        for (EnvVariable variable : env) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", variable.name());
            switch (variable) {
                case EnvVariable.WithDefault withDefault -> entry.put("default", withDefault.value());
                case EnvVariable.Required required -> entry.put("required", true);
            }
            entry.put("description", variable.description());
            variables.add(entry);
        }
        json.put("env", variables);
        json.put("path", path);
        Map<String, Object> debian = new LinkedHashMap<>();
        debian.put("request", debianRequest);
        debian.put("rootfs", rootfs.stream().map(StorePath::toString).toList());
        json.put("debian", debian);
        json.put("livenessProbe", livenessProbe.orElse(null));
        json.put("readinessProbe", readinessProbe.orElse(null));
        json.put("debug", Map.of("debian", debugDebianRequest));
        try {
            return JSON.writer(PRETTY).writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest is plain data and always serialises", e);
        }
    }

    /** Reads what {@link #json()} wrote; {@code where} names the file for messages. */
    public static OperableManifest parse(String text, String where) {
        try {
            JsonNode json = JSON.readTree(text);
            if (json.path("format").asInt() != FORMAT) {
                throw new OperableException(where + " has format " + json.path("format") + ", not " + FORMAT,
                        "build the operable again with this cairn");
            }
            List<EnvVariable> env = new ArrayList<>();
            for (JsonNode variable : json.path("env")) {
                String name = variable.path("name").asText();
                String description = variable.path("description").asText();
                env.add(variable.path("required").asBoolean()
                        ? new EnvVariable.Required(name, description)
                        : new EnvVariable.WithDefault(name, variable.path("default").asText(), description));
            }
            return new OperableManifest(
                    json.path("name").asText(),
                    json.path("script").asText(),
                    optional(json.path("package")).map(StorePath::parse),
                    env,
                    strings(json.path("path")),
                    strings(json.path("debian").path("request")),
                    strings(json.path("debian").path("rootfs")).stream().map(StorePath::parse).toList(),
                    optional(json.path("livenessProbe")),
                    optional(json.path("readinessProbe")),
                    strings(json.path("debug").path("debian")));
        } catch (JsonProcessingException e) {
            throw new OperableException(where + " is not JSON: " + e.getOriginalMessage(),
                    "build the operable again; store objects are never edited", e);
        }
    }

    private static Optional<String> optional(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.asText()));
        return strings;
    }
}
