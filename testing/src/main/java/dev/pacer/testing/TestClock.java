package dev.pacer.testing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of every service under test: it stands still (at the real time it was made) until a test sets or
 * advances it, so time-dependent behaviour is tested without sleeping. Being a {@code Clock} bean in an indexed
 * jar, it replaces the platform's default {@code dev.pacer.platform.time.ClockProducer} in every
 * {@code @QuarkusTest}; inject it to move time, and {@link #reset()} it where a test needs the real time again.
 */
@Singleton
public class TestClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public TestClock() {
        this(new AtomicReference<>(realNow()), ZoneOffset.UTC);
    }

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Puts the clock back at the real time (microsecond precision, as stored). */
    public Instant reset() {
        return set(realNow());
    }

    public Instant set(Instant instant) {
        now.set(instant.truncatedTo(ChronoUnit.MICROS));
        return now.get();
    }

    public Instant advance(Duration by) {
        return now.updateAndGet(t -> t.plus(by).truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new TestClock(now, other); // the same time, moved by the same test
    }

    private static Instant realNow() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
