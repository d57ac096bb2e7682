package dev.pacer.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockProducerTest {
    @Test
    void theProductionClockIsUtcSystemTimeToTheMicrosecondAsPostgresStoresIt() {
        Clock clock = new ClockProducer().clock();
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        Instant before = Instant.now().minusMillis(1);
        Instant now = clock.instant();
        assertThat(now).isBetween(before, Instant.now().plusMillis(1));
        assertThat(now.getNano() % 1_000).isZero();
    }

    @Test
    void theTestClockStandsStillUntilMovedAndItsZonedViewsMoveWithIt() {
        TestClock clock = new TestClock();
        Instant t0 = clock.set(Instant.parse("2026-03-02T12:00:00.123456789Z"));
        assertThat(t0).isEqualTo(Instant.parse("2026-03-02T12:00:00.123456Z"));
        Clock paris = clock.withZone(java.time.ZoneId.of("Europe/Paris"));
        assertThat(clock.instant()).isEqualTo(t0);
        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.instant()).isEqualTo(t0.plus(Duration.ofMinutes(5)));
        assertThat(paris.instant()).isEqualTo(t0.plus(Duration.ofMinutes(5)));
    }
}
