package dev.cairn.inputs.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A {@code package-lock.json} of lockfileVersion 2 or 3: its {@code packages} map, keyed by
 * install path ({@code node_modules/a}, {@code node_modules/a/node_modules/b}), pins every
 * tarball by its integrity hash, so npm's own lock is the pin and nothing goes into
 * {@code cairn.lock}. Install paths are checked here: a lock is data from elsewhere, and a key
 * like {@code node_modules/../../etc} must not reach a build.
 *
 * @param root the lock's entry for the project itself ({@code ""}): its declared dependencies
 * @param entries the installed packages, by install path, sorted (a parent before its nested packages)
 */
public record PackageLock(Path file, Root root, SortedMap<String, Entry> entries) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A package name: lowercase-ish, optionally scoped; never a path trick. */
    private static final Pattern NAME = Pattern.compile("(@[A-Za-z0-9._~-]+/)?[A-Za-z0-9._~-]+");
    private static final Pattern BIN_NAME = Pattern.compile("[A-Za-z0-9@._~+:-]+");

    /** The project's own entry: what it declared when the lock was written. */
    public record Root(Map<String, String> dependencies, Map<String, String> devDependencies,
            Map<String, String> optionalDependencies) {}

    /**
     * One installed package.
     *
     * @param path its install path, e.g. {@code node_modules/a/node_modules/b}
     * @param bin the commands it provides, name to path inside the package
     * @param dev only for development (tests, builds): left out of the output
     */
    public record Entry(String path, String name, String version, String resolved, Integrity integrity,
            SortedMap<String, String> bin, boolean dev, boolean optional, boolean hasInstallScript,
            List<String> os, List<String> cpu) {
        /** The tarball, as a pinned input. */
        public LockedTarball tarball() {
            return LockedTarball.of(name, version, resolved, integrity, path);
        }

        /** Whether npm would install it on linux x64: {@code os} and {@code cpu} allow it. */
        public boolean installableOnLinuxX64() {
            return allows(os, "linux") && allows(cpu, "x64");
        }

        private static boolean allows(List<String> list, String value) {
            if (list.isEmpty()) {
                return true;
            }
            if (list.contains("!" + value)) {
                return false;
            }
            return list.contains(value) || list.stream().allMatch(item -> item.startsWith("!"));
        }
    }

    public static PackageLock read(Path file) {
        JsonNode tree;
        try {
            tree = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InputsException("cannot read " + file + ": " + e.getMessage(),
                    "it must be the package-lock.json npm writes (run npm install)", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InputsException(file + " is not a JSON object", "run npm install to write it again");
        }
        int version = tree.path("lockfileVersion").asInt(0);
        if (version < 2 || !tree.path("packages").isObject()) {
            throw new InputsException(file + " has lockfileVersion " + version + ", without the packages map cairn reads",
                    "write it again with npm 7 or later (run npm install), which writes lockfileVersion 2 or 3");
        }
        if (version > 3) {
            throw new InputsException(file + " has lockfileVersion " + version + ", which cairn does not know (2 and 3)",
                    "write it with an npm that writes lockfileVersion 3");
        }
        JsonNode packages = tree.path("packages");
        JsonNode rootNode = packages.path("");
        Root root = new Root(strings(rootNode.path("dependencies")), strings(rootNode.path("devDependencies")),
                strings(rootNode.path("optionalDependencies")));
        SortedMap<String, Entry> entries = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : packages.properties()) {
            String path = field.getKey();
            if (path.isEmpty()) {
                continue;
            }
            JsonNode node = field.getValue();
            String name = nameOf(file, path, node);
            if (node.path("link").asBoolean(false)) {
                throw new InputsException(file + ": " + path + " is a link (a workspace or a local directory), "
                        + "which cairn does not build yet", "depend on a published version of it instead");
            }
            if (node.path("inBundle").asBoolean(false)) {
                // Shipped inside its parent's tarball: nothing to fetch.
                continue;
            }
            String what = file.getFileName() + ": " + path;
            String resolved = node.path("resolved").asText(null);
            if (resolved == null || node.path("integrity").isMissingNode()) {
                throw new InputsException(what + " has no resolved URL or no integrity hash",
                        "cairn fetches registry tarballs pinned by hash only; run npm install to complete the lock");
            }
            entries.put(path, new Entry(path, name, node.path("version").asText(""), resolved,
                    Integrity.parse(node.path("integrity").asText(), what), bins(file, path, node.path("bin")),
                    node.path("dev").asBoolean(false),
                    node.path("optional").asBoolean(false) || node.path("devOptional").asBoolean(false)
                            && !node.path("dev").asBoolean(false),
                    node.path("hasInstallScript").asBoolean(false), list(node.path("os")), list(node.path("cpu"))));
        }
        return new PackageLock(file, root, Collections.unmodifiableSortedMap(entries));
    }

    /** The package at {@code path}'s name: its {@code name} field (aliases have one), else the path's last name. */
    private static String nameOf(Path file, String path, JsonNode node) {
        // node_modules/<name>(/node_modules/<name>)*, a name being scoped or not.
        String rest = path;
        String last = null;
        while (!rest.isEmpty()) {
            if (!rest.startsWith("node_modules/")) {
                throw badPath(file, path);
            }
            rest = rest.substring("node_modules/".length());
            int end = rest.indexOf("/node_modules/");
            String name = end < 0 ? rest : rest.substring(0, end);
            rest = end < 0 ? "" : rest.substring(end + 1);
            if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")
                    || name.endsWith("/.") || name.endsWith("/..") || name.startsWith("@.")) {
                throw badPath(file, path);
            }
            last = name;
        }
        if (last == null) {
            throw badPath(file, path);
        }
        String declared = node.path("name").asText(last);
        if (!NAME.matcher(declared).matches()) {
            throw new InputsException(file + ": " + path + " names its package '" + declared + "', not a package name",
                    "run npm install to write package-lock.json again");
        }
        return declared;
    }

    private static InputsException badPath(Path file, String path) {
        return new InputsException(file + ": '" + path + "' is not an install path (node_modules/NAME, nested by "
                + "/node_modules/NAME)", "the lock is damaged or hostile; run npm install to write it again");
    }

    private static SortedMap<String, String> bins(Path file, String path, JsonNode bin) {
        SortedMap<String, String> bins = new TreeMap<>();
        if (bin.isTextual()) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            bin = JSON.createObjectNode().put(name, bin.asText());
        }
        for (Map.Entry<String, JsonNode> field : bin.properties()) {
            String name = field.getKey();
            String target = safeRelative(field.getValue().asText(""));
            if (!BIN_NAME.matcher(name).matches() || name.equals(".") || name.equals("..") || target == null) {
                throw new InputsException(file + ": " + path + " has a bin entry '" + name + "' -> '"
                        + field.getValue().asText("") + "' that would leave its directory",
                        "the lock is damaged or hostile; run npm install to write it again");
            }
            bins.put(name, target);
        }
        return Collections.unmodifiableSortedMap(bins);
    }

    /** {@code path} normalised inside its package ({@code ./bin/x} is {@code bin/x}), or null when it would leave it. */
    public static String safeRelative(String path) {
        List<String> parts = new ArrayList<>();
        if (path.startsWith("/") || path.contains("\\") || path.contains("\0")) {
            return null;
        }
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                return null;
            }
            parts.add(part);
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    private static Map<String, String> strings(JsonNode node) {
        SortedMap<String, String> map = new TreeMap<>();
        node.properties().forEach(field -> map.put(field.getKey(), field.getValue().asText()));
        return Collections.unmodifiableSortedMap(map);
    }

    private static List<String> list(JsonNode node) {
        List<String> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> list.add(item.asText()));
        } else if (node.isTextual()) {
            list.add(node.asText());
        }
        return List.copyOf(list);
    }
}
