package dev.pacer.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The one source of "now" in every service (silences, pending durations, staleness, progress "as of"): all are
 * computed from this {@link Clock}, never from {@code Instant.now()}. It is a default bean, so tests replace it by
 * declaring any other {@code Clock} bean (a clock they can set and advance) and never sleep.
 */
public class ClockProducer {
    /** Microsecond resolution: what PostgreSQL stores, so an instant read back equals the instant written. */
    static final Duration RESOLUTION = Duration.ofNanos(1_000);

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), RESOLUTION);
    }
}
