package dev.cairn.workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
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
 */
final class PklEvaluator implements AutoCloseable {
    private static final Pattern SOURCE_LINE = Pattern.compile("[│ ]*(\\d+) \\| .*");
    private static final Pattern AT_LINE = Pattern.compile("[│ ]*at .* \\((\\S+)\\)");

    private final Path root;
    private final Map<String, String> properties;
    private Evaluator evaluator;

    PklEvaluator(Path root, Map<String, String> properties) {
        this.root = root;
        this.properties = Map.copyOf(properties);
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

    /** Evaluates the module at {@code file}; a Pkl error becomes a {@link Failure}. */
    PModule evaluate(Path file) {
        if (evaluator == null) {
            evaluator = build();
        }
        try {
            return evaluator.evaluate(ModuleSource.path(file));
        } catch (PklException e) {
            throw new Failure(e, firstFileFrame(e.getMessage()));
        }
    }

    /**
     * Evaluates {@code text} as the module at {@code uri}: a module cairn writes (a chart render),
     * whose relative imports resolve against {@code uri}. Each distinct text needs its own URI:
     * the evaluator caches modules by URI.
     */
    PModule evaluate(URI uri, String text) {
        if (evaluator == null) {
            evaluator = build();
        }
        try {
            return evaluator.evaluate(ModuleSource.create(uri, text));
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

    private Evaluator build() {
        return EvaluatorBuilder.unconfigured()
                .setStackFrameTransformer(StackFrameTransformers.defaultTransformer)
                .setSecurityManager(new WorkspaceSecurity(root))
                .setModuleKeyFactories(List.of(
                        ModuleKeyFactories.standardLibrary,
                        new CairnModules(),
                        ModuleKeyFactories.file,
                        new RefusedModules()))
                .setResourceReaders(List.of(ResourceReaders.file(), ResourceReaders.externalProperty()))
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
        }
    }
}
