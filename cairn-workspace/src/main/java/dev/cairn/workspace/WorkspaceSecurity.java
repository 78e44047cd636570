package dev.cairn.workspace;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.pkl.core.SecurityManager;
import org.pkl.core.SecurityManagerException;
import org.pkl.core.SecurityManagers;

/**
 * Pkl's standard security manager with the workspace's allow-lists and root, refusing in
 * cairn's words: Pkl's own messages name its command-line flags ({@code --root-dir},
 * {@code --allowed-modules}), which mean nothing to a cairn user.
 */
final class WorkspaceSecurity implements SecurityManager {
    /** Modules: files (inside the root), the bundled cairn: modules, Pkl's standard library. */
    static final List<Pattern> ALLOWED_MODULES =
            List.of(Pattern.compile("file:"), Pattern.compile("cairn:"), Pattern.compile("pkl:"));
    /** Resources ({@code read(…)}): files (inside the root) and the properties cairn passes. */
    static final List<Pattern> ALLOWED_RESOURCES = List.of(Pattern.compile("file:"), Pattern.compile("prop:"));

    private final Path root;
    private final SecurityManager standard;

    WorkspaceSecurity(Path root) {
        this.root = root;
        this.standard = SecurityManagers.standard(
                ALLOWED_MODULES, ALLOWED_RESOURCES, SecurityManagers.defaultTrustLevels, root);
    }

    @Override
    public void checkResolveModule(URI uri) throws SecurityManagerException {
        if (!allowed(ALLOWED_MODULES, uri)) {
            throw new SecurityManagerException("cairn does not load module `" + uri + "`: a workspace imports"
                    + " only files inside the workspace (file:), the bundled cairn: modules and Pkl's standard"
                    + " library (pkl:), and never fetches modules from the network.");
        }
        try {
            standard.checkResolveModule(uri);
        } catch (SecurityManagerException e) {
            throw new SecurityManagerException("cairn does not load module `" + uri
                    + "`: it is outside the workspace " + root + ".");
        }
    }

    @Override
    public void checkImportModule(URI importingModule, URI importedModule) throws SecurityManagerException {
        standard.checkImportModule(importingModule, importedModule);
    }

    @Override
    public void checkReadResource(URI uri) throws SecurityManagerException {
        checkResource(uri);
        try {
            standard.checkReadResource(uri);
        } catch (SecurityManagerException e) {
            throw outsideRoot(uri);
        }
    }

    @Override
    public void checkResolveResource(URI uri) throws SecurityManagerException {
        checkResource(uri);
        try {
            standard.checkResolveResource(uri);
        } catch (SecurityManagerException e) {
            throw outsideRoot(uri);
        }
    }

    private void checkResource(URI uri) throws SecurityManagerException {
        if (!allowed(ALLOWED_RESOURCES, uri)) {
            throw new SecurityManagerException("cairn does not read resource `" + uri + "`: a workspace reads"
                    + " only files inside the workspace (file:) and properties (prop:), and never the network"
                    + " or the environment.");
        }
    }

    private SecurityManagerException outsideRoot(URI uri) {
        return new SecurityManagerException("cairn does not read resource `" + uri
                + "`: it is outside the workspace " + root + ".");
    }

    private static boolean allowed(List<Pattern> patterns, URI uri) {
        return patterns.stream().anyMatch(p -> p.matcher(uri.toString()).lookingAt());
    }
}
