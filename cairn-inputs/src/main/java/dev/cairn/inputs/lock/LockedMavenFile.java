package dev.cairn.inputs.lock;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.cairn.inputs.InputsException;
import java.util.regex.Pattern;

/**
 * One pinned file of a Maven repository (a jar, a pom): where it lies, relative to the root of
 * a repository known by name only ({@code maven-central}; its URL comes from configuration),
 * and the bytes it must have.
 *
 * @param path e.g. {@code com/fasterxml/jackson/core/jackson-core/2.21.2/jackson-core-2.21.2.jar}
 */
@JsonPropertyOrder({"repository", "path", "sha256", "size"})
public record LockedMavenFile(
        @JsonProperty("repository") String repository,
        @JsonProperty("path") String path,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("size") long size) implements Comparable<LockedMavenFile> {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.+-]+(/[A-Za-z0-9_.+-]+)+");

    public LockedMavenFile {
        require(path != null && PATH.matcher(path).matches() && !path.contains("/../") && !path.startsWith("../")
                && !path.contains("/./"), path, "is not a safe relative path");
        require(repository != null && REPOSITORY.matcher(repository).matches(), path, "names no repository");
        require(sha256 != null && SHA256.matcher(sha256).matches(), path, "has no SHA-256 of 64 lowercase hex digits");
        require(size >= 0, path, "has a negative size");
    }

    /** The file's own name, the last segment of its path: the name of its store object. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public int compareTo(LockedMavenFile other) {
        return path.compareTo(other.path);
    }

    private static void require(boolean condition, String path, String problem) {
        if (!condition) {
            throw new InputsException("locked Maven file '" + path + "' " + problem,
                    "run `cairn lock` to write the lock again");
        }
    }
}
