package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Gets repository files over HTTP(S) with the JDK's {@link HttpClient}.
 *
 * <p>Debian mirrors are normally plain {@code http://}, and that is by design: the InRelease
 * signature and the SHA-256 hashes chained from it decide what is accepted, so a mirror, a
 * proxy or the network can withhold data but cannot change it unnoticed. For the same reason
 * redirects are followed across hosts (mirror networks redirect to the nearest mirror), except
 * from https to http, which the JDK refuses and apt refuses too.
 *
 * <p>Transient failures (a 5xx, 408 or 429 status, a lost connection, no answer or a body that
 * stalls longer than the idle timeout) are retried with exponential backoff, a bounded number
 * of times; the whole exchange starts over, so a reader always sees a complete body from the
 * start.
 */
public final class HttpTransport implements Transport {
    /**
     * @param connectTimeout to open a connection
     * @param responseTimeout from sending the request to the response's headers
     * @param idleTimeout longest wait for the next bytes of a body
     * @param attempts tries in all, at least 1
     * @param firstBackoff wait after the first failure, doubled after each further one
     * @param maxBackoff the longest wait between attempts
     */
    public record Options(Duration connectTimeout, Duration responseTimeout, Duration idleTimeout, int attempts,
                          Duration firstBackoff, Duration maxBackoff) {
        public Options {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
            }
            for (Duration duration : new Duration[] {connectTimeout, responseTimeout, idleTimeout}) {
                if (duration.isNegative() || duration.isZero()) {
                    throw new IllegalArgumentException("timeouts must be positive: " + duration);
                }
            }
            if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
                throw new IllegalArgumentException("backoff must be 0 <= first <= max: " + firstBackoff + ", " + maxBackoff);
            }
        }

        /** 30 s to connect, 60 s to answer, 60 s of silence in a body, 4 attempts, waits of 1, 2, 4 s. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60), 4,
                    Duration.ofSeconds(1), Duration.ofSeconds(30));
        }
    }

    private final HttpClient client;
    private final Options options;

    public HttpTransport(Options options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                // Mirrors speak HTTP/1.1; an h2c upgrade attempt on plain http gains nothing.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .build();
    }

    @Override
    public <T> Optional<T> read(URI uri, BodyReader<T> reader) {
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not an http(s) URI: " + uri);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return exchange(uri, reader);
            } catch (IOException e) {
                if (attempt >= options.attempts()) {
                    throw new InputsException("GET " + uri + " failed" + (attempt > 1 ? " after " + attempt + " attempts" : "")
                            + ": " + reason(e),
                            "the mirror or the network to it is failing; try again later, or use another mirror", e);
                }
                sleep(backoff(attempt), uri);
            }
        }
    }

    private <T> Optional<T> exchange(URI uri, BodyReader<T> reader) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(options.responseTimeout())
                .header("User-Agent", "cairn")
                .GET()
                .build();
        HttpResponse<InputStream> response = send(request);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 200) {
                return Optional.of(readWatched(uri, body, reader));
            }
            if (status == 404 || status == 410) {
                return Optional.empty();
            }
            if (status >= 500 || status == 408 || status == 429) {
                throw new TransientStatus(status);
            }
            if (status >= 300 && status < 400) {
                String location = response.headers().firstValue("Location").orElse("nowhere");
                throw new InputsException("GET " + uri + " was redirected (HTTP " + status + ") to " + location
                        + ", which cairn does not follow (from https to http)",
                        "use the http:// address of the repository: the signature and hashes protect it, not TLS");
            }
            throw new InputsException("GET " + uri + " answered HTTP " + status,
                    "check the repository URI in apt's sources, and that the mirror lets you in");
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputsException("interrupted while fetching " + request.uri(), "", e);
        } catch (SSLException e) {
            throw new InputsException("TLS with " + request.uri().getAuthority() + " failed: " + e.getMessage(),
                    "if the mirror's certificate is from a private CA, add it to the JDK's trust store; "
                            + "or use the mirror's http:// address, which is safe for Debian repositories", e);
        }
    }

    /** Reads the body, closing it when no byte arrives for the idle timeout, so that a stalled mirror is retried. */
    private <T> T readWatched(URI uri, InputStream body, BodyReader<T> reader) throws IOException {
        IdleWatch watch = new IdleWatch(body, options.idleTimeout());
        Thread watchdog = Thread.ofVirtual().name("cairn-idle-watch").start(watch);
        try {
            return reader.read(watch);
        } catch (IOException e) {
            if (watch.fired()) {
                throw new HttpTimeoutException("no data from " + uri + " for " + options.idleTimeout().toSeconds() + " s");
            }
            throw e;
        } finally {
            watch.stop();
            watchdog.interrupt();
        }
    }

    private Duration backoff(int failures) {
        Duration wait = options.firstBackoff();
        for (int i = 1; i < failures && wait.compareTo(options.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : wait;
    }

    private static String reason(IOException e) {
        if (e instanceof TransientStatus status) {
            return "HTTP " + status.status;
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time (" + e.getMessage() + ")";
        }
        if (e instanceof ConnectException) {
            // The JDK's message for a refused or unreachable connection is often empty.
            String detail = rootMessage(e);
            return "cannot connect" + (detail.isEmpty() ? " (refused, or the host is unreachable)" : " (" + detail + ")");
        }
        String detail = rootMessage(e);
        return "the connection failed (" + (detail.isEmpty() ? e.getClass().getSimpleName() : detail) + ")";
    }

    private static String rootMessage(Throwable e) {
        String message = "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static void sleep(Duration wait, URI uri) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputsException("interrupted while waiting to retry " + uri, "", e);
        }
    }

    /** A status worth retrying; an IOException so that it takes the same path as a lost connection. */
    private static final class TransientStatus extends IOException {
        final int status;

        TransientStatus(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }
}
