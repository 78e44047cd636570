package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.OciException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void backoffDoublesUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(60)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aPolicyNeedsAnAttemptAndAnOrderedRange() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(OciException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(OciException.class);
    }

    @Test
    void transientFailuresAreRetriedAndFinalOnesAreNot() {
        Retrier retrier = new Retrier(new RetryPolicy(3, Duration.ZERO, Duration.ZERO));
        AtomicInteger calls = new AtomicInteger();
        String result = retrier.run("fetching", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("Connection reset");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);

        calls.set(0);
        assertThatThrownBy(() -> retrier.run("refusing", () -> {
            calls.incrementAndGet();
            throw new OciException("refused", "");
        })).hasMessage("refused");
        assertThat(calls).hasValue(1);
    }

    @Test
    void theLastFailureIsReportedWithTheAttemptCount() {
        Retrier retrier = new Retrier(new RetryPolicy(2, Duration.ZERO, Duration.ZERO));
        assertThatThrownBy(() -> retrier.run("uploading blob x", () -> {
            throw new java.net.http.HttpTimeoutException("request timed out");
        })).isInstanceOf(OciException.class)
                .hasMessage("uploading blob x failed after 2 attempts: the registry did not answer in time (request timed out)");
    }
}
