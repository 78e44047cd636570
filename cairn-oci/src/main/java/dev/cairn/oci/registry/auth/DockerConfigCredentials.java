package dev.cairn.oci.registry.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.oci.OciException;
import dev.cairn.oci.OciJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credentials where {@code docker login} and {@code podman login} keep them: a
 * {@code config.json}/{@code auth.json} with {@code credHelpers} (a helper per registry),
 * {@code credsStore} (the default helper) and {@code auths} (base64 {@code auth}, or
 * {@code username}/{@code password}, or {@code identitytoken}). Files are read at each lookup,
 * so a login during a long run is seen; a missing file has no credentials.
 */
public final class DockerConfigCredentials implements CredentialSource {
    /** The key Docker files Docker Hub's credentials under. */
    private static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

    private final List<Path> configFiles;
    private final Function<String, CredentialHelper> helpers;

    /**
     * @param configFiles tried in order; the first that knows the registry answers
     * @param helperSearchPath where {@code docker-credential-*} programs are looked for
     */
    public DockerConfigCredentials(List<Path> configFiles, List<Path> helperSearchPath) {
        this.configFiles = List.copyOf(configFiles);
        List<Path> searchPath = List.copyOf(helperSearchPath);
        this.helpers = name -> new CredentialHelper(name, searchPath);
    }

    /** Reads the files podman and docker use, in their order of precedence, with helpers from {@code $PATH}. */
    public static DockerConfigCredentials fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new DockerConfigCredentials(defaultConfigFiles(env, Path.of(System.getProperty("user.home"))),
                searchPath(env.getOrDefault("PATH", "")));
    }

    /**
     * {@code $REGISTRY_AUTH_FILE}, then podman's {@code $XDG_RUNTIME_DIR/containers/auth.json},
     * then docker's {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}.
     */
    public static List<Path> defaultConfigFiles(Map<String, String> env, Path home) {
        List<Path> files = new ArrayList<>();
        nonEmpty(env.get("REGISTRY_AUTH_FILE")).ifPresent(file -> files.add(Path.of(file)));
        nonEmpty(env.get("XDG_RUNTIME_DIR")).ifPresent(dir -> files.add(Path.of(dir, "containers", "auth.json")));
        files.add(nonEmpty(env.get("DOCKER_CONFIG"))
                .map(dir -> Path.of(dir, "config.json"))
                .orElse(home.resolve(".docker").resolve("config.json")));
        return files;
    }

    public static List<Path> searchPath(String pathVariable) {
        List<Path> directories = new ArrayList<>();
        for (String entry : pathVariable.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                directories.add(Path.of(entry));
            }
        }
        return directories;
    }

    @Override
    public Optional<Credentials> lookup(String registry) {
        for (Path file : configFiles) {
            Optional<JsonNode> config = read(file);
            if (config.isPresent()) {
                Optional<Credentials> found = lookup(config.get(), file, registry);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Credentials> lookup(JsonNode config, Path file, String registry) {
        List<String> keys = keysFor(registry);
        for (String key : keys) {
            String helper = config.path("credHelpers").path(key).asText("");
            if (!helper.isEmpty()) {
                // A registry given its own helper is that helper's alone, as docker does it.
                return helpers.apply(helper).get(key);
            }
        }
        String store = config.path("credsStore").asText("");
        if (!store.isEmpty()) {
            for (String key : keys) {
                Optional<Credentials> stored = helpers.apply(store).get(key);
                if (stored.isPresent()) {
                    return stored;
                }
            }
        }
        JsonNode auths = config.path("auths");
        for (Iterator<Map.Entry<String, JsonNode>> entries = auths.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (keys.contains(normalise(entry.getKey()))) {
                Optional<Credentials> credentials = fromAuthEntry(entry.getValue(), file, entry.getKey());
                if (credentials.isPresent()) {
                    return credentials;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Credentials> fromAuthEntry(JsonNode entry, Path file, String key) {
        String identityToken = entry.path("identitytoken").asText("");
        if (!identityToken.isEmpty()) {
            return Optional.of(Credentials.identityToken(identityToken));
        }
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw malformed(file, "auths[\"" + key + "\"].auth is not base64");
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw malformed(file, "auths[\"" + key + "\"].auth is not base64 of user:password");
            }
            return Optional.of(Credentials.basic(pair.substring(0, colon), pair.substring(colon + 1)));
        }
        String username = entry.path("username").asText("");
        if (!username.isEmpty()) {
            return Optional.of(Credentials.basic(username, entry.path("password").asText("")));
        }
        return Optional.empty();
    }

    /** The spellings a registry's entry may have: {@code host:port}, and Docker Hub's legacy URL. */
    private static List<String> keysFor(String registry) {
        return switch (registry) {
            case "docker.io", "index.docker.io", "registry-1.docker.io" -> List.of(DOCKER_HUB_KEY, "docker.io", registry);
            default -> List.of(registry);
        };
    }

    /** {@code https://host:port/v1/} and {@code host:port} name the same registry. */
    private static String normalise(String key) {
        if (key.equals(DOCKER_HUB_KEY)) {
            return key;
        }
        String stripped = key.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = stripped.indexOf('/');
        return slash < 0 ? stripped : stripped.substring(0, slash);
    }

    private static Optional<JsonNode> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new OciException("cannot read the registry credentials in " + file + ": " + e.getMessage(),
                    "check the file's permissions", new UncheckedIOException(e));
        }
        if (bytes.length == 0) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = OciJson.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw malformed(file, "it is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw malformed(file, "it is not valid JSON (" + e.getMessage() + ")");
        }
        return Optional.of(json);
    }

    private static OciException malformed(Path file, String why) {
        return new OciException("the registry credentials file " + file + " is damaged: " + why,
                "fix or remove the entry, then log in again with `podman login` or `docker login`");
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
