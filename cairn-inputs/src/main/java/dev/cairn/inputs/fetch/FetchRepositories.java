package dev.cairn.inputs.fetch;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the repositories of fetched packages are. Only their names are in committed files
 * (the block, {@code cairn.lock}); each user or CI machine says where a name points, as
 * Maven's settings and npm's {@code .npmrc} do for theirs, so a mirror can stand in for any
 * repository and is trusted for nothing: the lock's SHA-256 decides. The first that names the
 * repository wins:
 * <ol>
 *   <li>the environment: {@code CAIRN_REPOSITORY_<NAME>}, the name upper-cased with {@code -}
 *       and {@code .} as {@code _} ({@code releases-eu} is {@code CAIRN_REPOSITORY_RELEASES_EU});</li>
 *   <li>the user's file {@code $XDG_CONFIG_HOME/cairn/repositories.conf} (default
 *       {@code ~/.config/cairn/repositories.conf}), lines {@code name = URL}, {@code #} comments.</li>
 * </ol>
 */
public final class FetchRepositories {
    static final String FILE = "cairn/repositories.conf";

    private final Map<String, String> env;
    private final Optional<Path> file;

    private FetchRepositories(Map<String, String> env, Optional<Path> file) {
        this.env = Map.copyOf(env);
        this.file = file;
    }

    /** The configuration of a process with environment {@code env}. */
    public static FetchRepositories fromEnvironment(Map<String, String> env) {
        String config = env.get("XDG_CONFIG_HOME");
        Optional<Path> file = config != null && config.startsWith("/") ? Optional.of(Path.of(config, FILE))
                : Optional.ofNullable(env.get("HOME")).filter(home -> home.startsWith("/"))
                        .map(home -> Path.of(home, ".config", FILE));
        return new FetchRepositories(env, file);
    }

    /** The environment variable that names {@code repository}'s address. */
    public static String variable(String repository) {
        return "CAIRN_REPOSITORY_" + repository.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** The URL of {@code path} below {@code repository}; fails saying where to configure the repository. */
    public URI resolve(String repository, String path) {
        return base(repository).resolve(path);
    }

    /** The repository's address, ending in {@code /}. */
    public URI base(String repository) {
        String variable = variable(repository);
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            return url(value, repository, "the environment (" + variable + ")");
        }
        if (file.isPresent()) {
            Optional<String> configured = fromFile(file.get(), repository);
            if (configured.isPresent()) {
                return url(configured.get(), repository, file.get().toString());
            }
        }
        throw new InputsException("no address is configured for the repository '" + repository + "' (looked at "
                + variable + (file.map(path -> " and " + path).orElse("")) + ")",
                "set " + variable + "=<URL> in the environment, or add the line `" + repository + " = <URL>` to "
                        + file.map(Path::toString).orElse("~/.config/" + FILE)
                        + "; the URL is the repository's root, and the lock's SHA-256 decides what is accepted");
    }

    private static Optional<String> fromFile(Path file, String repository) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InputsException("cannot read " + file + ": " + e.getMessage(), "make it readable", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new InputsException(file + ":" + (i + 1) + ": '" + line + "' is not `name = URL`",
                        "write one repository per line, e.g. releases = https://mirror.example/releases/");
            }
            if (line.substring(0, equals).strip().equals(repository)) {
                return Optional.of(line.substring(equals + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static URI url(String text, String repository, String origin) {
        String value = text.strip().endsWith("/") ? text.strip() : text.strip() + "/";
        try {
            URI uri = new URI(value);
            if (!List.of("http", "https", "file").contains(String.valueOf(uri.getScheme()))) {
                throw new URISyntaxException(value, "not http, https or file");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InputsException("the address of the repository '" + repository + "' set in " + origin + ", '"
                    + text + "', is not a URL (" + e.getReason() + ")", "use an http(s) or file URL of its root");
        }
    }
}
