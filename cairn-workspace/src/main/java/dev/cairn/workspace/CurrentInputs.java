package dev.cairn.workspace;

import dev.cairn.workspace.EvaluationInput.Question;
import java.io.FileNotFoundException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pkl.core.SecurityManager;
import org.pkl.core.module.ModuleKey;
import org.pkl.core.module.ModuleKeyFactories;
import org.pkl.core.module.ModuleKeyFactory;
import org.pkl.core.resource.ResourceReader;
import org.pkl.core.resource.ResourceReaders;

/**
 * The module key factories and resource reader whose reads an evaluation cache records
 * ({@code cairn:} and {@code file:} modules, {@code file:} resources), under the workspace's
 * security manager; and their answers now to the questions an earlier evaluation asked.
 *
 * <p>The evaluator reads through these same objects ({@link InputRecorder} wraps them), so a
 * question asked again gets its answer exactly as Pkl would get it. None of this starts Pkl's
 * language runtime: these are plain file reads.
 *
 * <p>Each question is answered once per cairn run: every block's entry lists the files of the
 * blocks evaluated before it ({@link InputRecorder}), and reading them again for each would
 * cost the square of the workspace's size. A file edited while cairn runs is then seen as it
 * was first read, as Pkl itself sees a module it has loaded.
 */
final class CurrentInputs {
    private final SecurityManager security;
    private final List<ModuleKeyFactory> modules;
    private final ResourceReader files;
    private final Map<Question, String> answers = new HashMap<>();

    CurrentInputs(SecurityManager security) {
        this.security = security;
        this.modules = List.of(new CairnModules(), ModuleKeyFactories.file);
        this.files = ResourceReaders.file();
    }

    /** The module key factories of recorded modules, in the evaluator's order. */
    List<ModuleKeyFactory> modules() {
        return modules;
    }

    /** The reader of recorded resources. */
    ResourceReader files() {
        return files;
    }

    /** Whether {@code input}'s question, asked now, gets the answer it got. */
    boolean unchanged(EvaluationInput input) {
        return answers.computeIfAbsent(input.question(), this::answer).equals(input.digest());
    }

    /** The digest of the answer {@code question} gets now. */
    String answer(Question question) {
        URI uri = question.uri();
        try {
            return switch (question.kind()) {
                case MODULE_RESOLUTION -> EvaluationInput.resolution(module(uri).resolve(security).getUri());
                case MODULE_SOURCE -> EvaluationInput.source(module(uri).resolve(security).loadSource());
                case MODULE_LISTING -> EvaluationInput.listing(module(uri).listElements(security, uri));
                case MODULE_ELEMENT -> EvaluationInput.element(module(uri).hasElement(security, uri));
                case RESOURCE -> {
                    security.checkReadResource(uri); // Pkl asks before it reads
                    yield EvaluationInput.resource(files.read(uri));
                }
                case RESOURCE_LISTING -> EvaluationInput.listing(files.listElements(security, uri));
                case RESOURCE_ELEMENT -> EvaluationInput.element(files.hasElement(security, uri));
            };
        } catch (Exception e) {
            return EvaluationInput.failure(e);
        }
    }

    private ModuleKey module(URI uri) throws Exception {
        for (ModuleKeyFactory factory : modules) {
            Optional<ModuleKey> key = factory.create(uri);
            if (key.isPresent()) {
                return key.get();
            }
        }
        throw new FileNotFoundException("no recorded module loader for " + uri);
    }
}
