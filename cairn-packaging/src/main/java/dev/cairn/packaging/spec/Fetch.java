package dev.cairn.packaging.spec;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.fetch.FetchLayout;
import dev.cairn.inputs.lock.LockedFile;
import dev.cairn.packaging.PackagingException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A released file fetched as it is, not built: {@code path} below the repository named
 * {@code repository} (its URL comes from the user's configuration, never from the workspace),
 * pinned by SHA-256 in {@code cairn.lock}, made into the package's store object as
 * {@code layout} says (unpacked or not, {@code bin/} commands). The one kind with network: a
 * fixed-output fetch, whose bytes are checked against the lock before anything is kept. It has
 * no source, inputs, environment or tools.
 *
 * @param repository the repository's name, e.g. {@code releases}
 * @param path the file below the repository's root, e.g. {@code tool/1.2.3/tool-linux-amd64.tar.gz}
 */
public record Fetch(String name, String version, String repository, String path, FetchLayout layout)
        implements PackageSpec.Sourceless {
    public Fetch {
        Checks.nameAndVersion(name, version);
        Objects.requireNonNull(layout, "layout");
        if (!LockedFile.isRepositoryName(repository)) {
            throw new PackagingException("repository '" + repository + "' is not a repository's name",
                    "name it with lowercase letters, digits, . _ and -, e.g. releases");
        }
        if (!LockedFile.isSafePath(path)) {
            throw new PackagingException("path '" + path + "' is not a relative path below the repository",
                    "write it as segments of A-Z a-z 0-9 _ . + ~ - joined by /, without . or .., e.g. tool/1.2.3/tool.tar.gz");
        }
        if (layout.unpack()) {
            try {
                FetchLayout.archiveCompression(path);
            } catch (InputsException e) {
                throw new PackagingException(e.getMessage(), e.hint(), e);
            }
        }
    }

    /** Reads a layout, the inputs layer's complaint about it worded as this package's. */
    public static FetchLayout layout(boolean unpack, int stripComponents, Map<String, String> bin) {
        try {
            return new FetchLayout(unpack, stripComponents, new java.util.TreeMap<>(bin));
        } catch (InputsException e) {
            throw new PackagingException(e.getMessage(), e.hint(), e);
        }
    }

    /** The package's file, {@code repository:path}, as the lock and messages name it. */
    public String location() {
        return repository + ":" + path;
    }




    @Override
    public List<BuildInput> inputs() {
        return List.of();
    }

    @Override
    public Map<String, String> env() {
        return Map.of();
    }

    @Override
    public String kind() {
        return "fetch";
    }

    @Override
    public List<String> tools() {
        return List.of();
    }

}
