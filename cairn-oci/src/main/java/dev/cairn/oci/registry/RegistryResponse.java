package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** A registry's answer, its body still a stream: close it when done so the connection is freed. */
final class RegistryResponse implements AutoCloseable {
    /** More than any error document; an error body larger than this is cut. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final int status;
    private final URI uri;
    private final HttpHeaders headers;
    private final InputStream body;

    RegistryResponse(int status, URI uri, HttpHeaders headers, InputStream body) {
        this.status = status;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
    }

    int status() {
        return status;
    }

    URI uri() {
        return uri;
    }

    InputStream body() {
        return body;
    }

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The {@code Location} header, resolved against the request it answers. */
    Optional<URI> location() {
        return header("Location").map(uri::resolve);
    }

    /** The whole body, refusing more than {@code limit} bytes. */
    byte[] bytes(int limit, String what) throws IOException {
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new OciException(what + ": the registry sent more than " + limit + " bytes",
                    "the answer is far larger than it should be; check the reference and that this is a registry");
        }
        return bytes;
    }

    RegistryErrorResponse error() {
        try {
            return RegistryErrorResponse.parse(body.readNBytes(ERROR_BODY_LIMIT));
        } catch (IOException e) {
            return RegistryErrorResponse.parse(new byte[0]);
        }
    }

    /**
     * This response if its status is one of {@code expected}; otherwise closes it and throws:
     * a {@link RetryableStatusException} for 5xx and 429, an {@link OciException} for the rest.
     */
    RegistryResponse expect(String what, int... expected) throws IOException {
        if (Arrays.stream(expected).anyMatch(s -> s == status)) {
            return this;
        }
        RegistryErrorResponse error;
        try (this) {
            error = error();
        }
        if (status >= 500 || status == 429) {
            throw new RetryableStatusException(what + ": the registry answered " + describe(error), retryAfter());
        }
        throw RegistryFailures.unexpected(what, status, error);
    }

    String describe(RegistryErrorResponse error) {
        String summary = error.summary();
        return status + (summary.isEmpty() ? "" : " (" + summary + ")");
    }

    private Optional<Duration> retryAfter() {
        try {
            return header("Retry-After").map(String::trim).map(Long::parseLong).map(Duration::ofSeconds);
        } catch (NumberFormatException e) {
            // An HTTP date: our own backoff will do.
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // Closing only frees the connection; a failure to do so changes nothing for the caller.
        }
    }
}
