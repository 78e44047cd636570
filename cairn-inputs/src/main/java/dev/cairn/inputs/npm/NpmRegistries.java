package dev.cairn.inputs.npm;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where npm tarballs come from: the registries of the user's and the machine's npm
 * configuration, read the way npm reads them, the first that sets a key winning:
 * {@code npm_config_registry} (and {@code npm_config_@scope:registry}) in the environment,
 * the user's {@code .npmrc} ({@code npm_config_userconfig}, else {@code $HOME/.npmrc}), then the
 * global one ({@code npm_config_globalconfig}, else {@code $PREFIX/etc/npmrc} with npm's prefix
 * {@code /usr}, then Debian's {@code /etc/npmrc}). cairn has no registry of its own: without a
 * configured one, fetching fails saying where to set it. Whatever a registry sends is checked
 * against the lock's integrity hash, so any mirror will do.
 */
public final class NpmRegistries {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    /** key → (value, where it was set), the first source setting a key winning. */
    private final Map<String, String[]> settings;
    private final List<String> sources;

    private NpmRegistries(Map<String, String[]> settings, List<String> sources) {
        this.settings = settings;
        this.sources = sources;
    }

    /** The configuration the environment {@code env} (a process's) points at. */
    public static NpmRegistries fromEnvironment(Map<String, String> env) {
        Map<String, String[]> settings = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        sources.add("npm_config_registry");
        env.forEach((key, value) -> {
            String lower = key.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("npm_config_") && lower.endsWith("registry")) {
                settings.putIfAbsent(lower.substring("npm_config_".length()), new String[] {value, "the environment (" + key + ")"});
            }
        });
        String user = setting(env, "npm_config_userconfig");
        if (user == null && env.get("HOME") != null) {
            user = Path.of(env.get("HOME"), ".npmrc").toString();
        }
        List<Path> files = new ArrayList<>();
        if (user != null) {
            files.add(Path.of(user));
        }
        String global = setting(env, "npm_config_globalconfig");
        if (global != null) {
            files.add(Path.of(global));
        } else {
            String prefix = setting(env, "npm_config_prefix");
            files.add(Path.of(prefix == null ? "/usr" : prefix, "etc", "npmrc"));
            files.add(Path.of("/etc/npmrc"));
        }
        for (Path file : files) {
            sources.add(file.toString());
            read(file, env, settings);
        }
        return new NpmRegistries(settings, sources);
    }

    /** The registry for {@code packageName}: its scope's ({@code @scope:registry}) if set, else {@code registry}. */
    public URI registryFor(String packageName) {
        String[] setting = null;
        if (packageName.startsWith("@") && packageName.contains("/")) {
            setting = settings.get(packageName.substring(0, packageName.indexOf('/')) + ":registry");
        }
        if (setting == null) {
            setting = settings.get("registry");
        }
        if (setting == null) {
            throw new InputsException("no npm registry is configured to fetch " + packageName + " from (looked in "
                    + String.join(", ", sources) + ")",
                    "set registry=<URL> in ~/.npmrc (or npm_config_registry), e.g. your company's mirror; "
                            + "the lock's integrity hashes decide what is accepted");
        }
        String value = setting[0].endsWith("/") ? setting[0] : setting[0] + "/";
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) && !"file".equals(uri.getScheme())) {
                throw new IllegalArgumentException("not http, https or file");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InputsException("the npm registry '" + setting[0] + "' set in " + setting[1] + " is not a URL: "
                    + e.getMessage(), "set registry=http(s)://host/path/ there", e);
        }
    }

    /** Where {@code tarball} is fetched from: its registry and its path relative to it. */
    public URI tarballUrl(LockedTarball tarball) {
        URI registry = registryFor(tarball.name());
        return URI.create(registry + tarball.relativePath());
    }

    private static String setting(Map<String, String> env, String lowerKey) {
        for (Map.Entry<String, String> entry : env.entrySet()) {
            if (entry.getKey().toLowerCase(java.util.Locale.ROOT).equals(lowerKey) && !entry.getValue().isEmpty()) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static void read(Path file, Map<String, String> env, Map<String, String[]> settings) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(file)) {
                return;
            }
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InputsException("cannot read the npm configuration " + file + ": " + e.getMessage(),
                    "make it readable, or point npm_config_userconfig elsewhere", e);
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (key.equals("registry") || key.endsWith(":registry")) {
                settings.putIfAbsent(key, new String[] {expand(value, env), file.toString()});
            }
        }
    }

    /** npm's {@code ${VAR}} in values. */
    private static String expand(String value, Map<String, String> env) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(Optional.ofNullable(env.get(matcher.group(1))).orElse("")));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
