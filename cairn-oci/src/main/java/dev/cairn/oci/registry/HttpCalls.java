package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Sends one HTTP request and sorts its failures: what retrying cannot mend (TLS, no one
 * listening, our own content failing to read) becomes an {@link OciException}; the rest stays
 * an IOException, which callers retry.
 */
final class HttpCalls {
    private HttpCalls() {}

    static HttpResponse<InputStream> send(HttpClient client, HttpRequest request, String registry) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OciException("interrupted while talking to " + registry, "", e);
        } catch (IOException e) {
            Optional<OciException> ours = cause(e, OciException.class);
            if (ours.isPresent()) {
                throw ours.get();
            }
            if (cause(e, SSLException.class).isPresent()) {
                throw new OciException("TLS with " + request.uri().getAuthority() + " failed (for " + registry + "): "
                        + (rootMessage(e).isEmpty() ? e.getClass().getSimpleName() : rootMessage(e)),
                        "if " + registry + " serves plain HTTP and you trust the network to it, use --insecure-registry "
                                + registry + "; if its certificate is from a private CA, add the CA to the JDK's trust store", e);
            }
            if (e instanceof ConnectException) {
                throw new OciException("cannot connect to " + request.uri().getAuthority() + " (for " + registry + "): "
                        + connectFailure(e),
                        "check the registry's address and port, and that it is running and reachable", e);
            }
            throw e;
        }
    }

    static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** The JDK says little about a failed connect; name the likely cause. */
    private static String connectFailure(IOException e) {
        if (cause(e, UnresolvedAddressException.class).isPresent()) {
            return "the host name does not resolve";
        }
        String message = rootMessage(e);
        return message.isEmpty() ? "nothing accepted the connection (refused, or the host is unreachable)" : message;
    }

    /** The innermost message there is, or empty. */
    static String rootMessage(Throwable e) {
        String message = "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
