package dev.cairn.oci.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A registry answer worth trying again (5xx, 429, a lost upload session). An IOException so it
 * travels with connection failures, which the Retrier treats the same way.
 */
final class RetryableStatusException extends IOException {
    private final transient Optional<Duration> retryAfter;

    RetryableStatusException(String message, Optional<Duration> retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
