package dev.pacer.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SourceVersionsTest {

    @Test
    void isTheTimeInEpochMicroseconds() {
        Instant t = Instant.parse("2026-01-01T00:00:00.123456789Z");
        SourceVersions versions = new SourceVersions(Clock.fixed(t, ZoneOffset.UTC));
        assertThat(versions.next()).isEqualTo(1_767_225_600_123_456L);
    }

    @Test
    void strictlyIncreasesEvenWhenTheClockDoesNot() {
        SourceVersions versions = new SourceVersions(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        long first = versions.next();
        assertThat(versions.next()).isEqualTo(first + 1);
        assertThat(versions.next()).isEqualTo(first + 2);
    }
}
