package dev.cairn.inputs.lock;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.cairn.inputs.InputsException;
import java.util.regex.Pattern;

/**
 * One pinned Debian package: which one, and where and how to get exactly its bytes. The
 * repository is a name (its URL comes from configuration, so a mirror is untrusted by
 * construction: the hash decides).
 *
 * @param path the file's path relative to the repository root (Packages' {@code Filename})
 */
@JsonPropertyOrder({"name", "version", "architecture", "repository", "suite", "path", "sha256", "size"})
public record LockedPackage(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("repository") String repository,
        @JsonProperty("suite") String suite,
        @JsonProperty("path") String path,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("size") long size) implements Comparable<LockedPackage> {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");

    public LockedPackage {
        require(name != null && NAME.matcher(name).matches(), name, "is not a Debian package name");
        require(version != null && !version.isBlank(), name, "has no version");
        require(architecture != null && !architecture.isBlank(), name, "has no architecture");
        require(repository != null && !repository.isBlank(), name, "names no repository");
        require(path != null && !path.isBlank() && !path.startsWith("/") && !path.contains(".."), name,
                "has no safe relative path (" + path + ")");
        require(sha256 != null && SHA256.matcher(sha256).matches(), name, "has no SHA-256 of 64 lowercase hex digits");
        require(size > 0, name, "has no size");
    }

    /** {@code name=version}, how sets refer to the package. */
    public String key() {
        return name + "=" + version;
    }

    @Override
    public int compareTo(LockedPackage other) {
        return key().compareTo(other.key());
    }

    private static void require(boolean condition, String name, String problem) {
        if (!condition) {
            throw new InputsException("locked package '" + name + "' " + problem, "run `cairn lock` to write the lock again");
        }
    }
}
