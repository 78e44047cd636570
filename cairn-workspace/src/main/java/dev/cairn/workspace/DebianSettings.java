package dev.cairn.workspace;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.archive.AptSource;
import dev.cairn.inputs.debian.archive.ArchiveSettings;
import dev.cairn.inputs.debian.archive.NamedSource;
import dev.cairn.inputs.debian.archive.RepositoryUri;
import dev.cairn.inputs.debian.archive.SignedBy;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pkl.core.Composite;
import org.pkl.core.PNull;

/**
 * Turns the {@code debian} settings of an evaluated {@code cairn.pkl} into the inputs layer's
 * {@link ArchiveSettings}. Pkl has checked names and shapes; what is left is what Pkl cannot
 * see: that a URI is one cairn can fetch from and that keyring files exist.
 */
final class DebianSettings {
    /** apt's {@code Components} when the workspace names none: nearly every repository's. */
    private static final List<String> DEFAULT_COMPONENTS = List.of("main");

    private final Path root;
    private final String fileName;

    /**
     * @param root the workspace root, a real path; relative keyring paths are resolved against it
     * @param fileName {@code cairn.pkl} as messages name it
     */
    DebianSettings(Path root, String fileName) {
        this.root = root;
        this.fileName = fileName;
    }

    ArchiveSettings archiveSettings(Composite workspace) {
        Optional<Composite> debian = value(workspace, "debian").map(Composite.class::cast);
        if (debian.isEmpty()) {
            return ArchiveSettings.machine();
        }
        Composite settings = debian.get();
        List<NamedSource> repositories = new ArrayList<>();
        for (Map.Entry<String, Object> entry : map(settings, "repositories").entrySet()) {
            repositories.add(repository(entry.getKey(), (Composite) entry.getValue()));
        }
        Optional<Path> keyring = string(settings, "keyring").map(path -> keyring(path, "debian.keyring"));
        return new ArchiveSettings(repositories, keyring, (Boolean) settings.get("checkValidUntil"));
    }

    private NamedSource repository(String name, Composite repository) {
        String where = "debian.repositories[\"" + name + "\"]";
        String origin = fileName + ": " + where;
        try {
            RepositoryUri uri = RepositoryUri.parse((String) repository.get("uri"), origin);
            List<String> components = strings(repository, "components");
            Optional<SignedBy> signedBy = string(repository, "signedBy")
                    .map(path -> SignedBy.keyring(keyring(path, where + ".signedBy")));
            return new NamedSource(name, new AptSource(uri, strings(repository, "suites"),
                    components.isEmpty() ? DEFAULT_COMPONENTS : components,
                    strings(repository, "architectures"), signedBy, origin));
        } catch (InputsException e) {
            // The inputs layer already names the origin, cairn.pkl and the repository.
            throw new WorkspaceException(e.getMessage(), e.hint(), e);
        }
    }

    /** A keyring file named in cairn.pkl: absolute, or relative to the root; it must exist. */
    private Path keyring(String declared, String where) {
        String hint = "name an existing keyring file (e.g. one a package installs under /usr/share/keyrings/),"
                + " absolute or relative to the workspace root " + root;
        Path path;
        try {
            path = root.resolve(declared).normalize();
        } catch (InvalidPathException e) {
            throw new WorkspaceException(fileName + ": " + where + " '" + declared + "' is not a path: "
                    + e.getReason(), hint, e);
        }
        if (!Files.isRegularFile(path)) {
            throw new WorkspaceException(fileName + ": " + where + " '" + declared + "' is " + path
                    + (Files.exists(path) ? ", which is not a file" : ", which does not exist"), hint);
        }
        return path;
    }

    /** A nullable property: Pkl's {@code null} reaches Java as null or as {@link PNull}. */
    private static Optional<Object> value(Composite object, String property) {
        Object value = object.get(property);
        return value instanceof PNull ? Optional.empty() : Optional.ofNullable(value);
    }

    private static Optional<String> string(Composite object, String property) {
        return value(object, property).map(String.class::cast);
    }

    private static List<String> strings(Composite object, String property) {
        return ((List<?>) object.get(property)).stream().map(String.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Composite object, String property) {
        return (Map<String, Object>) object.get(property);
    }
}
