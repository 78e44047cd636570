package dev.cairn.workspace;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pkl.core.SecurityManager;
import org.pkl.core.SecurityManagerException;
import org.pkl.core.module.ModuleKey;
import org.pkl.core.module.ModuleKeyFactory;
import org.pkl.core.module.ResolvedModuleKey;
import org.pkl.core.module.ResolvedModuleKeys;

/**
 * Resolves the {@code cairn:} modules ({@code cairn:Workspace}, {@code cairn:OciImages},
 * {@code cairn:debian}, …) from resources shipped in this jar, so a workspace evaluates without
 * network.
 *
 * <p>The URIs are opaque like {@code pkl:base}: {@code cairn:<Name>} is the resource
 * {@code dev/cairn/workspace/modules/<Name>.pkl}.
 */
final class CairnModules implements ModuleKeyFactory {
    static final String SCHEME = "cairn";
    private static final String RESOURCE_DIR = "dev/cairn/workspace/modules/";
    /**
     * Schemas that files amend are capitalised like classes ({@code OciImages}); libraries that
     * files import are lowercase like Pkl's own ({@code debian}, as {@code pkl:json}). A name is
     * never a path, so nothing else in the jar can be loaded as a module.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    @Override
    public Optional<ModuleKey> create(URI uri) {
        if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
            return Optional.empty();
        }
        return Optional.of(new Key(uri));
    }

    /** The source of a bundled module, or null when there is no module of that name. */
    static String source(String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            return null;
        }
        try (InputStream in = CairnModules.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name + ".pkl")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record Key(URI uri) implements ModuleKey {
        @Override
        public URI getUri() {
            return uri;
        }

        @Override
        public ResolvedModuleKey resolve(SecurityManager securityManager)
                throws IOException, SecurityManagerException {
            securityManager.checkResolveModule(uri);
            String text = uri.isOpaque() ? source(uri.getSchemeSpecificPart()) : null;
            if (text == null) {
                // Pkl turns this into its own "Cannot find module `cairn:…`" with the import's location.
                throw new FileNotFoundException(uri.toString());
            }
            return ResolvedModuleKeys.virtual(this, uri, text, true);
        }

        @Override
        public boolean hasHierarchicalUris() {
            return false;
        }

        @Override
        public boolean isGlobbable() {
            return false;
        }

        @Override
        public boolean isLocal() {
            return true;
        }

        @Override
        public boolean isCached() {
            return true;
        }
    }
}
