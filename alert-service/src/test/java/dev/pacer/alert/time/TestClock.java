package dev.pacer.alert.time;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of alert-service under test: it stands still until a test sets or advances it, so time-dependent
 * behaviour is tested without sleeping. Being a {@code Clock} bean, it replaces the default from
 * {@link ClockProducer}; inject it into a {@code @QuarkusTest} to move time.
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
