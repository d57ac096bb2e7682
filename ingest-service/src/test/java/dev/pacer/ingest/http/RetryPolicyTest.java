package dev.pacer.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void rateLimitsAndServerErrorsAreRetriedOtherClientErrorsAreNot() {
        assertThat(RetryPolicy.retryable(429)).isTrue();
        assertThat(RetryPolicy.retryable(500)).isTrue();
        assertThat(RetryPolicy.retryable(503)).isTrue();
        assertThat(RetryPolicy.retryable(400)).isFalse();
        assertThat(RetryPolicy.retryable(401)).isFalse();
        assertThat(RetryPolicy.retryable(404)).isFalse();
        assertThat(RetryPolicy.honoursRetryAfter(429)).isTrue();
        assertThat(RetryPolicy.honoursRetryAfter(503)).isTrue();
        assertThat(RetryPolicy.honoursRetryAfter(500)).isFalse();
    }

    @Test
    void backsOffExponentiallyWithoutRetryAfterAndCapsEveryWait() {
        assertThat(policy.waitAfter(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.waitAfter(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.waitAfter(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.waitAfter(5, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.waitAfter(60, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void followsRetryAfterUpToTheMaximum() {
        assertThat(policy.waitAfter(3, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.waitAfter(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(policy.canRetry(1)).isTrue();
        assertThat(policy.canRetry(3)).isTrue();
        assertThat(policy.canRetry(4)).isFalse();
        assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).canRetry(1)).isFalse();
    }
}
