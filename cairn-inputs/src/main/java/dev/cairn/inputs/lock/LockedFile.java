package dev.cairn.inputs.lock;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.cairn.inputs.InputsException;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * One pinned file of a repository known by name only ({@code maven-central}, {@code releases};
 * its URL comes from configuration): where it lies, relative to the repository's root, and the
 * bytes it must have. A Maven jar or pom, or a released binary a package fetches.
 *
 * @param path e.g. {@code com/fasterxml/jackson/core/jackson-core/2.21.2/jackson-core-2.21.2.jar}
 */
@JsonPropertyOrder({"repository", "path", "sha256", "size"})
public record LockedFile(
        @JsonProperty("repository") String repository,
        @JsonProperty("path") String path,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("size") long size) implements Comparable<LockedFile> {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.+~-]+");
    private static final Comparator<LockedFile> ORDER =
            Comparator.comparing(LockedFile::repository).thenComparing(LockedFile::path);

    public LockedFile {
        require(isSafePath(path), path, "is not a safe relative path");
        require(isRepositoryName(repository), path, "names no repository");
        require(sha256 != null && SHA256.matcher(sha256).matches(), path, "has no SHA-256 of 64 lowercase hex digits");
        require(size >= 0, path, "has a negative size");
    }

    /**
     * Whether {@code path} can name a file below a repository's root: segments of
     * {@code A-Z a-z 0-9 _ . + ~ -} joined by {@code /}, none of them {@code .} or {@code ..}.
     */
    public static boolean isSafePath(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is a repository's name: lowercase letters, digits, {@code . _ -}. */
    public static boolean isRepositoryName(String name) {
        return name != null && REPOSITORY.matcher(name).matches();
    }

    /** The file's own name, the last segment of its path: the name of its store object. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code repository:path}, as messages name the file. */
    public String location() {
        return repository + ":" + path;
    }

    @Override
    public int compareTo(LockedFile other) {
        return ORDER.compare(this, other);
    }

    private static void require(boolean condition, String path, String problem) {
        if (!condition) {
            throw new InputsException("locked file '" + path + "' " + problem,
                    "run `cairn lock` to write the lock again");
        }
    }
}
