package dev.cairn.workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pkl.core.Evaluator;
import org.pkl.core.EvaluatorBuilder;
import org.pkl.core.ModuleSource;
import org.pkl.core.PModule;
import org.pkl.core.PklException;
import org.pkl.core.StackFrameTransformers;
import org.pkl.core.http.HttpClient;
import org.pkl.core.module.ModuleKeyFactories;
import org.pkl.core.module.ModuleKeyFactory;
import org.pkl.core.resource.ResourceReaders;

/**
 * The one Pkl evaluator of a workspace, created on first use (it takes a while to warm up)
 * and shared by every module evaluated. Not thread-safe; {@link Workspace} serialises calls.
 *
 * <p>It is hermetic: modules come only from {@code file:} (inside the workspace root),
 * {@code cairn:} (bundled in this jar) and {@code pkl:} (the standard library); resources only
 * from {@code file:} (inside the root) and {@code prop:} (the properties cairn passes). No
 * environment variables, no module cache, and an HTTP client that never connects — so
 * {@code import "https://…"} and {@code package://} fail without any network traffic.
 *
 * <p>With an {@link EvaluationCache}, {@link #evaluate(Path)} first looks there, and Pkl is
 * started only for a module whose entry is missing or stale; every successful evaluation is
 * kept with what it read ({@link InputRecorder}). Rendered text ({@link #evaluate(URI, String)})
 * is never cached.
 */
final class PklEvaluator implements AutoCloseable {
    private static final Pattern SOURCE_LINE = Pattern.compile("[│ ]*(\\d+) \\| .*");
    private static final Pattern AT_LINE = Pattern.compile("[│ ]*at .* \\((\\S+)\\)");

    private final Map<String, String> properties;
    private final WorkspaceSecurity security;
    private final CurrentInputs inputs;
    private final Optional<EvaluationCache> cache;
    private Evaluator evaluator;
    private InputRecorder recorder;
    private int started;

    PklEvaluator(Path root, Map<String, String> properties) {
        this(root, properties, Optional.empty());
    }

    /** An evaluator that keeps evaluated modules in {@code cacheDirectory}, when given. */
    PklEvaluator(Path root, Map<String, String> properties, Optional<Path> cacheDirectory) {
        this.properties = Map.copyOf(properties);
        this.security = new WorkspaceSecurity(root);
        this.inputs = new CurrentInputs(security);
        this.cache = cacheDirectory.map(directory -> new EvaluationCache(directory, root, this.properties, inputs));
    }

    /** A Pkl error: Pkl's own text, and the innermost place in a workspace file it points at. */
    static final class Failure extends RuntimeException {
        private final transient Location location;

        Failure(PklException cause, Location location) {
            super(cause.getMessage().strip(), cause);
            this.location = location;
        }

        Optional<Location> location() {
            return Optional.ofNullable(location);
        }
    }

    /** A line of a workspace file. */
    record Location(Path file, int line) {}

    /**
     * Evaluates the module at {@code file}, or takes it from the cache when nothing it read
     * has changed; a Pkl error becomes a {@link Failure} (and is never cached).
     */
    PModule evaluate(Path file) {
        Optional<PModule> cached = cache.flatMap(c -> c.find(file));
        if (cached.isPresent()) {
            return cached.get();
        }
        PModule module;
        try {
            module = evaluator().evaluate(ModuleSource.path(file));
        } catch (PklException e) {
            throw new Failure(e, firstFileFrame(e.getMessage()));
        }
        if (cache.isPresent() && recorder.consistent()) {
            cache.get().store(file, recorder.inputs(), module);
        }
        return module;
    }

    /**
     * Evaluates {@code text} as the module at {@code uri}: a module cairn writes (a chart render),
     * whose relative imports resolve against {@code uri}. Each distinct text needs its own URI:
     * the evaluator caches modules by URI.
     */
    PModule evaluate(URI uri, String text) {
        try {
            return evaluator().evaluate(ModuleSource.create(uri, text));
        } catch (PklException e) {
            throw new Failure(e, firstFileFrame(e.getMessage()));
        }
    }

    /**
     * The innermost frame of a rendered Pkl error that lies in a file. Pkl renders each frame
     * as its first source line, {@code 12 | text}, a line of carets, then
     * {@code at member (uri)}; frames of a repeated loop are indented with {@code │}.
     */
    static Location firstFileFrame(String message) {
        Integer line = null;
        for (String text : message.lines().toList()) {
            Matcher source = SOURCE_LINE.matcher(text);
            Matcher at = AT_LINE.matcher(text);
            if (source.matches()) {
                line = Integer.valueOf(source.group(1));
            } else if (at.matches() && line != null) {
                try {
                    URI uri = new URI(at.group(1));
                    if ("file".equals(uri.getScheme())) {
                        return new Location(Path.of(uri), line);
                    }
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a frame after all
                }
                line = null;
            }
        }
        return null;
    }

    /** How many times Pkl was started: 0 while every module came from the cache. */
    int started() {
        return started;
    }

    /** The cache, when there is one: its hits and misses. */
    Optional<EvaluationCache> cache() {
        return cache;
    }

    private Evaluator evaluator() {
        if (evaluator == null) {
            recorder = new InputRecorder();
            evaluator = build(recorder);
            started++;
        }
        return evaluator;
    }

    /**
     * {@code cairn:} and {@code file:} modules and {@code file:} resources are read through
     * {@code recorder}; {@code pkl:} and {@code prop:} need not be (the cache key has Pkl's
     * version and the properties).
     */
    private Evaluator build(InputRecorder recorder) {
        List<ModuleKeyFactory> modules = new ArrayList<>();
        modules.add(ModuleKeyFactories.standardLibrary);
        inputs.modules().forEach(factory -> modules.add(recorder.recording(factory)));
        modules.add(new RefusedModules());
        return EvaluatorBuilder.unconfigured()
                .setStackFrameTransformer(StackFrameTransformers.defaultTransformer)
                .setSecurityManager(security)
                .setModuleKeyFactories(modules)
                .setResourceReaders(List.of(recorder.recording(inputs.files()), ResourceReaders.externalProperty()))
                .setExternalProperties(properties)
                .setHttpClient(HttpClient.dummyClient())
                .setModuleCacheDir(null)
                .setColor(false)
                .build();
    }

    @Override
    public void close() {
        if (evaluator != null) {
            evaluator.close();
            evaluator = null;
            recorder = null;
        }
    }
}
