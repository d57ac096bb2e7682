package dev.pacer.ingest.http;

import java.time.Duration;
import java.util.Optional;

/**
 * When a request to an HTTP source is tried again, and after how long: rate limiting (429) and unavailability (503)
 * wait as long as the server's {@code Retry-After} asks, other server errors and network failures back off
 * exponentially from an initial wait; every wait is capped, and after the last attempt the run fails.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxWait;

    /**
     * @param maxAttempts    attempts of one request in all (1: never retried)
     * @param initialBackoff the wait after the first failure without a Retry-After; doubled after each further one
     * @param maxWait        the longest wait, also for a longer Retry-After
     */
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxWait) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxWait = maxWait;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether a response with this status is tried again: 429 and every 5xx. */
    public static boolean retryable(int status) {
        return status == 429 || status >= 500 && status <= 599;
    }

    /** Whether the server's Retry-After is honoured for this status: 429 and 503. */
    public static boolean honoursRetryAfter(int status) {
        return status == 429 || status == 503;
    }

    /** Whether another attempt follows attempt {@code attempt} (1-based). */
    public boolean canRetry(int attempt) {
        return attempt < maxAttempts;
    }

    /**
     * The wait before the attempt after {@code attempt} (1-based): the server's Retry-After when given, else the
     * exponential backoff; at most the maximum wait.
     */
    public Duration waitAfter(int attempt, Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElseGet(() -> backoff(attempt));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    private Duration backoff(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        try {
            return initialBackoff.multipliedBy(1L << doublings);
        } catch (ArithmeticException e) {
            return maxWait;
        }
    }
}
