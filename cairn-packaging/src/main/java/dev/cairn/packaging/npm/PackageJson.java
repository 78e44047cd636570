package dev.cairn.packaging.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.inputs.npm.PackageLock;
import dev.cairn.packaging.PackagingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the builder reads of a project's {@code package.json}: its name, its scripts, the
 * commands it provides ({@code bin}) and the dependencies it declares, each section apart.
 */
record PackageJson(String name, Map<String, String> scripts, SortedMap<String, String> bin,
        Map<String, Map<String, String>> dependencies) {
    /** The sections of declared dependencies npm installs, as both files name them. */
    static final java.util.List<String> SECTIONS = java.util.List.of("dependencies", "devDependencies", "optionalDependencies");
    private static final ObjectMapper JSON = new ObjectMapper();

    static PackageJson read(Path file, String fallbackName) {
        JsonNode tree;
        try {
            tree = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new PackagingException("cannot read " + file + ": " + e.getMessage(), "it must be a JSON object", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new PackagingException(file + " is not a JSON object", "write the package's manifest there");
        }
        String name = tree.path("name").asText(fallbackName);
        if (!name.matches("(@[A-Za-z0-9._~-]+/)?[A-Za-z0-9._~-]+") || name.startsWith(".") || name.contains("/.")) {
            throw new PackagingException(file + ": '" + name + "' is not an npm package name", "fix its name field");
        }
        SortedMap<String, String> bin = new TreeMap<>();
        JsonNode binNode = tree.path("bin");
        if (binNode.isTextual()) {
            binNode = JSON.createObjectNode().put(name.substring(name.indexOf('/') + 1), binNode.asText());
        }
        for (Map.Entry<String, JsonNode> field : binNode.properties()) {
            String target = PackageLock.safeRelative(field.getValue().asText(""));
            if (target == null || !field.getKey().matches("[A-Za-z0-9@._~+:-]+") || field.getKey().matches("\\.+")) {
                throw new PackagingException(file + ": bin '" + field.getKey() + "' -> '" + field.getValue().asText("")
                        + "' is not a command name and a path inside the package", "fix its bin field");
            }
            bin.put(field.getKey(), target);
        }
        Map<String, Map<String, String>> dependencies = new TreeMap<>();
        for (String section : SECTIONS) {
            dependencies.put(section, strings(tree.path(section)));
        }
        return new PackageJson(name, strings(tree.path("scripts")), Collections.unmodifiableSortedMap(bin),
                Collections.unmodifiableMap(dependencies));
    }

    /** The script {@code event}, if the package has one. */
    java.util.Optional<String> script(String event) {
        return java.util.Optional.ofNullable(scripts.get(event)).filter(text -> !text.isBlank());
    }

    private static Map<String, String> strings(JsonNode node) {
        SortedMap<String, String> map = new TreeMap<>();
        node.properties().forEach(field -> map.put(field.getKey(), field.getValue().asText()));
        return Collections.unmodifiableSortedMap(map);
    }
}
