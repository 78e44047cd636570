package dev.cairn.workspace;

import dev.cairn.workspace.EvaluationInput.Kind;
import dev.cairn.workspace.EvaluationInput.Question;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pkl.core.SecurityManager;
import org.pkl.core.SecurityManagerException;
import org.pkl.core.externalreader.ExternalReaderProcessException;
import org.pkl.core.module.ModuleKey;
import org.pkl.core.module.ModuleKeyFactory;
import org.pkl.core.module.PathElement;
import org.pkl.core.module.ResolvedModuleKey;
import org.pkl.core.resource.ResourceReader;
import org.pkl.core.runtime.ReaderBase;

/**
 * Wraps module key factories and resource readers so that every question Pkl asks of them,
 * and the digest of each answer, is recorded: the {@link EvaluationInput}s of an evaluation.
 * The wrappers answer exactly as the wrapped objects do.
 *
 * <p>What is recorded is everything this evaluator read in its life, not one module's reads:
 * Pkl keeps each module and resource it loaded by URI, so a second module importing what a
 * first one loaded reads nothing. Giving every module all that was read before it is a
 * superset of its inputs — safe, and only less precise (a change to one block makes blocks
 * evaluated after it in the same run miss too).
 */
final class InputRecorder {
    private final Map<Question, String> answers = new LinkedHashMap<>();
    private boolean consistent = true;

    /** {@code factory}, recording the modules it loads and the directories globbed through it. */
    ModuleKeyFactory recording(ModuleKeyFactory factory) {
        return new RecordingFactory(factory);
    }

    /** {@code reader}, recording the resources it reads and the directories globbed through it. */
    ResourceReader recording(ResourceReader reader) {
        return new RecordingReader(reader);
    }

    /** Everything read so far, in the order first read. */
    synchronized List<EvaluationInput> inputs() {
        List<EvaluationInput> inputs = new ArrayList<>();
        answers.forEach((question, digest) -> inputs.add(new EvaluationInput(question.kind(), question.uri(), digest)));
        return inputs;
    }

    /**
     * False once a question got two different answers (a file changed while cairn ran): no
     * single digest then describes what the evaluations read, so nothing more may be cached.
     */
    synchronized boolean consistent() {
        return consistent;
    }

    private synchronized void record(Kind kind, URI uri, String digest) {
        String earlier = answers.putIfAbsent(new Question(kind, uri), digest);
        if (earlier != null && !earlier.equals(digest)) {
            consistent = false;
        }
    }

    private void failed(Kind kind, URI uri, Exception e) {
        record(kind, uri, EvaluationInput.failure(e));
    }

    private final class RecordingFactory implements ModuleKeyFactory {
        private final ModuleKeyFactory factory;

        RecordingFactory(ModuleKeyFactory factory) {
            this.factory = factory;
        }

        @Override
        public Optional<ModuleKey> create(URI uri) throws URISyntaxException, ExternalReaderProcessException, IOException {
            return factory.create(uri).map(RecordingKey::new);
        }

        @Override
        public void close() {
            // the wrapped factory is CurrentInputs', which outlives this evaluator
        }
    }

    /**
     * What module keys and resource readers share ({@link ReaderBase}), answered by {@code base}:
     * the questions glob imports and reads ask ({@code import*}, {@code read*}) recorded, the
     * others passed on.
     */
    private abstract class RecordingBase implements ReaderBase {
        private final ReaderBase base;
        private final Kind element;
        private final Kind listing;

        RecordingBase(ReaderBase base, Kind element, Kind listing) {
            this.base = base;
            this.element = element;
            this.listing = listing;
        }

        @Override
        public boolean hasHierarchicalUris() throws ExternalReaderProcessException, IOException {
            return base.hasHierarchicalUris();
        }

        @Override
        public boolean isGlobbable() throws ExternalReaderProcessException, IOException {
            return base.isGlobbable();
        }

        @Override
        public boolean hasFragmentPaths() {
            return base.hasFragmentPaths();
        }

        @Override
        public URI resolveUri(URI baseUri, URI importUri) throws IOException, SecurityManagerException {
            return base.resolveUri(baseUri, importUri);
        }

        @Override
        public boolean hasElement(SecurityManager securityManager, URI uri)
                throws IOException, SecurityManagerException, ExternalReaderProcessException {
            try {
                boolean exists = base.hasElement(securityManager, uri);
                record(element, uri, EvaluationInput.element(exists));
                return exists;
            } catch (Exception e) {
                failed(element, uri, e);
                throw e;
            }
        }

        @Override
        public List<PathElement> listElements(SecurityManager securityManager, URI uri)
                throws IOException, SecurityManagerException, ExternalReaderProcessException {
            try {
                List<PathElement> elements = base.listElements(securityManager, uri);
                record(listing, uri, EvaluationInput.listing(elements));
                return elements;
            } catch (Exception e) {
                failed(listing, uri, e);
                throw e;
            }
        }
    }

    private final class RecordingKey extends RecordingBase implements ModuleKey {
        private final ModuleKey key;

        RecordingKey(ModuleKey key) {
            super(key, Kind.MODULE_ELEMENT, Kind.MODULE_LISTING);
            this.key = key;
        }

        @Override
        public URI getUri() {
            return key.getUri();
        }

        @Override
        public ResolvedModuleKey resolve(SecurityManager securityManager) throws IOException, SecurityManagerException {
            try {
                ResolvedModuleKey resolved = key.resolve(securityManager);
                record(Kind.MODULE_RESOLUTION, key.getUri(), EvaluationInput.resolution(resolved.getUri()));
                return new RecordingResolvedKey(this, resolved);
            } catch (Exception e) {
                failed(Kind.MODULE_RESOLUTION, key.getUri(), e);
                throw e;
            }
        }

        @Override
        public URI resolveUri(URI uri) throws IOException, SecurityManagerException {
            return key.resolveUri(uri);
        }

        @Override
        public boolean isCached() {
            return key.isCached();
        }

        @Override
        public boolean isLocal() {
            return key.isLocal();
        }

        @Override
        public Path getFileCacheLocation() {
            return key.getFileCacheLocation();
        }
    }

    private final class RecordingResolvedKey implements ResolvedModuleKey {
        private final ModuleKey original;
        private final ResolvedModuleKey resolved;

        RecordingResolvedKey(ModuleKey original, ResolvedModuleKey resolved) {
            this.original = original;
            this.resolved = resolved;
        }

        @Override
        public ModuleKey getOriginal() {
            return original;
        }

        @Override
        public URI getUri() {
            return resolved.getUri();
        }

        @Override
        public String loadSource() throws IOException {
            try {
                String text = resolved.loadSource();
                record(Kind.MODULE_SOURCE, resolved.getUri(), EvaluationInput.source(text));
                return text;
            } catch (Exception e) {
                failed(Kind.MODULE_SOURCE, resolved.getUri(), e);
                throw e;
            }
        }
    }

    private final class RecordingReader extends RecordingBase implements ResourceReader {
        private final ResourceReader reader;

        RecordingReader(ResourceReader reader) {
            super(reader, Kind.RESOURCE_ELEMENT, Kind.RESOURCE_LISTING);
            this.reader = reader;
        }

        @Override
        public String getUriScheme() {
            return reader.getUriScheme();
        }

        @Override
        public Optional<Object> read(URI uri)
                throws IOException, URISyntaxException, SecurityManagerException, ExternalReaderProcessException {
            try {
                Optional<Object> resource = reader.read(uri);
                record(Kind.RESOURCE, uri, EvaluationInput.resource(resource));
                return resource;
            } catch (Exception e) {
                failed(Kind.RESOURCE, uri, e);
                throw e;
            }
        }

        @Override
        public void close() {
            // the wrapped reader is CurrentInputs', which outlives this evaluator
        }
    }
}
