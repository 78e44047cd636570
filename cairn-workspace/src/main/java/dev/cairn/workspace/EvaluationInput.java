package dev.cairn.workspace;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pkl.core.module.PathElement;
import org.pkl.core.resource.Resource;

/**
 * One thing a Pkl evaluation read, and a digest of what it got: the evaluation's result holds
 * for as long as reading it again gives the same digest. A read that failed is an input too
 * (its digest names the failure): the result may depend on it having failed.
 *
 * @param kind which question was asked of {@code uri}
 * @param uri a {@code file:} or {@code cairn:} URI, as Pkl asked for it
 * @param digest what the answer was, as {@link #source}, {@link #resource}, … make it
 */
record EvaluationInput(Kind kind, URI uri, String digest) {
    EvaluationInput {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(digest, "digest");
    }

    /** The questions Pkl asks of module keys and resource readers. */
    enum Kind {
        /** Which module an import names: symbolic links and {@code ..} make two names one module. */
        MODULE_RESOLUTION,
        /** The text of a module, by its resolved URI. */
        MODULE_SOURCE,
        /** A directory's entries, as {@code import*} globs them. */
        MODULE_LISTING,
        /** Whether a module exists, as {@code import*} asks of a literal path segment. */
        MODULE_ELEMENT,
        /** The bytes of {@code read(…)} or {@code read?(…)}, or that there is nothing there. */
        RESOURCE,
        /** A directory's entries, as {@code read*} globs them. */
        RESOURCE_LISTING,
        /** Whether a resource exists, as {@code read*} asks of a literal path segment. */
        RESOURCE_ELEMENT
    }

    /** The key that identifies the question, whatever the answer. */
    Question question() {
        return new Question(kind, uri);
    }

    /** A question asked of {@code uri}, to which an evaluation got one answer. */
    record Question(Kind kind, URI uri) {}

    static String resolution(URI resolved) {
        return "resolves to " + resolved;
    }

    static String source(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String resource(Optional<Object> resource) {
        if (resource.isEmpty()) {
            return "absent";
        }
        // The file reader always gives a Resource; anything else is described, never trusted blindly.
        return resource.get() instanceof Resource bytes ? sha256(bytes.getBytes())
                : "value " + sha256(resource.get().toString().getBytes(StandardCharsets.UTF_8));
    }

    static String listing(List<PathElement> elements) {
        StringBuilder names = new StringBuilder();
        elements.stream()
                .sorted(Comparator.comparing(PathElement::getName))
                .forEach(e -> names.append(e.getName()).append(e.isDirectory() ? "/" : "").append('\n'));
        return sha256(names.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String element(boolean exists) {
        return exists ? "present" : "absent";
    }

    static String failure(Exception e) {
        return "failed " + e.getClass().getName() + ": " + e.getMessage();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
