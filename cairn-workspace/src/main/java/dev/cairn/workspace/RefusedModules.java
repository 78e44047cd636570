package dev.cairn.workspace;

import java.net.URI;
import java.util.Optional;
import org.pkl.core.SecurityManager;
import org.pkl.core.SecurityManagerException;
import org.pkl.core.module.ModuleKey;
import org.pkl.core.module.ModuleKeyFactory;
import org.pkl.core.module.ResolvedModuleKey;

/**
 * The last module key factory: claims every URI the others did not (https:, package:, …) and
 * leaves the refusal to the security manager, so the user reads why, at the import's line,
 * instead of Pkl's "no module loader is registered". Nothing is ever fetched.
 */
final class RefusedModules implements ModuleKeyFactory {
    @Override
    public Optional<ModuleKey> create(URI uri) {
        return Optional.of(new Key(uri));
    }

    private record Key(URI uri) implements ModuleKey {
        @Override
        public URI getUri() {
            return uri;
        }

        @Override
        public ResolvedModuleKey resolve(SecurityManager securityManager) throws SecurityManagerException {
            securityManager.checkResolveModule(uri);
            // Only reached with a security manager that allows what the workspace never does.
            throw new SecurityManagerException("cairn has no loader for module `" + uri + "`.");
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
            return false;
        }
    }
}
