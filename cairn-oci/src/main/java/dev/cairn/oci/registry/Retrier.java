package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;
import java.io.IOException;
import java.time.Duration;

/**
 * Runs an exchange under a {@link RetryPolicy}. Every IOException out of the transport is
 * transient (a lost connection, a timeout, a 5xx or 429): wait and run the whole exchange
 * again, from a fresh body stream. An {@link OciException} is final and passes straight through.
 */
final class Retrier {
    private final RetryPolicy policy;

    Retrier(RetryPolicy policy) {
        this.policy = policy;
    }

    @FunctionalInterface
    interface Exchange<T> {
        T run() throws IOException;
    }

    /** @param what names the operation for the message, e.g. "uploading blob sha256:… to host/repo" */
    <T> T run(String what, Exchange<T> exchange) {
        for (int attempt = 1; ; attempt++) {
            try {
                return exchange.run();
            } catch (IOException e) {
                if (attempt >= policy.attempts()) {
                    throw new OciException(what + " failed" + (attempt > 1 ? " after " + attempt + " attempts" : "")
                            + ": " + reason(e),
                            "the registry or the network to it is failing; try again later, or allow more retry attempts", e);
                }
                sleep(wait(attempt, e), what);
            }
        }
    }

    private Duration wait(int failures, IOException e) {
        Duration backoff = policy.backoff(failures);
        if (e instanceof RetryableStatusException status && status.retryAfter().isPresent()) {
            // The registry said how long to wait; honour it, up to our own patience.
            Duration asked = status.retryAfter().get();
            Duration capped = asked.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : asked;
            return capped.compareTo(backoff) > 0 ? capped : backoff;
        }
        return backoff;
    }

    static String reason(IOException e) {
        if (e instanceof RetryableStatusException) {
            return e.getMessage();
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof java.net.http.HttpTimeoutException
                ? "the registry did not answer in time (" + detail + ")"
                : "the connection was lost (" + detail + ")";
    }

    private static void sleep(Duration wait, String what) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OciException("interrupted while " + what, "", e);
        }
    }
}
