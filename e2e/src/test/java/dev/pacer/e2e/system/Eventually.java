package dev.pacer.e2e.system;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for an asynchronous outcome of the system (a value computed after records flowed through Kafka): retries an
 * assertion until it passes, and when time runs out rethrows its last failure, so the message says what was seen.
 * The timeout is a bound on waiting, not a performance assertion.
 */
public final class Eventually {
    private Eventually() {
    }

    public static void assertThat(Duration timeout, Runnable assertion) {
        get(timeout, () -> {
            assertion.run();
            return null;
        });
    }

    /** The first result of {@code attempt} that does not throw an {@link AssertionError} or runtime exception. */
    public static <T> T get(Duration timeout, Supplier<T> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 100;
        while (true) {
            try {
                return attempt.get();
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            AppProcess.sleep(pause);
            pause = Math.min(1_000, pause * 2);
        }
    }
}
