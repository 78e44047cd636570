package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * Gets files from a repository. Nothing a transport returns is trusted: callers check every
 * byte against a signature or a hash, so the transport needs no security of its own (plain
 * HTTP mirrors are fine) and a test can serve a repository from a directory.
 */
public interface Transport {
    /**
     * Reads the file at {@code uri} through {@code reader}.
     *
     * <p>An implementation that retries may call {@code reader} again, with a fresh stream,
     * after an {@link IOException} (a lost connection, a stalled body); the reader must start
     * over each time. An {@link InputsException} from the reader (a hash mismatch) is final
     * and passes through.
     *
     * @return the reader's result, or empty when the file does not exist (HTTP 404 or 410, no
     *     such file)
     * @throws InputsException when the file cannot be got after the retries allowed
     */
    <T> Optional<T> read(URI uri, BodyReader<T> reader);

    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /** {@code http:} and {@code https:} through {@code http}, {@code file:} from the file system. */
    static Transport of(HttpTransport http) {
        FileTransport files = new FileTransport();
        return new Transport() {
            @Override
            public <T> Optional<T> read(URI uri, BodyReader<T> reader) {
                return "file".equals(uri.getScheme()) ? files.read(uri, reader) : http.read(uri, reader);
            }
        };
    }

    /**
     * HTTP with {@link HttpTransport.Options#defaults()}, and files. The HTTP client (and its TLS
     * context, a good part of a second) is made on the first download: most builds fetch nothing.
     */
    static Transport standard() {
        FileTransport files = new FileTransport();
        return new Transport() {
            private HttpTransport http;

            @Override
            public <T> Optional<T> read(URI uri, BodyReader<T> reader) {
                return "file".equals(uri.getScheme()) ? files.read(uri, reader) : http().read(uri, reader);
            }

            private synchronized HttpTransport http() {
                if (http == null) {
                    http = new HttpTransport(HttpTransport.Options.defaults());
                }
                return http;
            }
        };
    }
}
