package dev.pacer.alert.notify;

import java.time.Duration;

/**
 * Exponential backoff of webhook retries: the n-th failed attempt waits {@code initial · 2^(n-1)}, at most
 * {@code max}; after {@code maxAttempts} attempts the delivery is given up. Plain Java.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial (" + initial + ") <= max (" + max + ")");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
    }

    /** The wait after the {@code failedAttempts}-th failure (1-based). */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be >= 1");
        }
        int shift = Math.min(failedAttempts - 1, 30);
        Duration d = initial.multipliedBy(1L << shift);
        return d.compareTo(max) > 0 ? max : d;
    }

    /** True when a delivery that failed {@code failedAttempts} times is given up. */
    public boolean givesUpAfter(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }
}
