package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;
import java.time.Duration;

/**
 * How often and how patiently a registry exchange is tried again after a transient failure
 * (a 5xx or 429 answer, a lost or timed-out connection): {@code attempts} in all, waiting
 * {@code initialBackoff}, then twice as long each time, never more than {@code maxBackoff}.
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff) {
    public RetryPolicy {
        if (attempts < 1) {
            throw new OciException("a retry policy needs at least 1 attempt, not " + attempts,
                    "use attempts = 1 to try each exchange once");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new OciException("retry backoff " + initialBackoff + ".." + maxBackoff + " is not a range",
                    "give a non-negative initial backoff no larger than the maximum");
        }
    }

    /** Five attempts, waiting 0.5 s, 1 s, 2 s, 4 s between them. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** One attempt: every failure is final. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The wait after the {@code failures}-th failed attempt (1-based). */
    public Duration backoff(int failures) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
