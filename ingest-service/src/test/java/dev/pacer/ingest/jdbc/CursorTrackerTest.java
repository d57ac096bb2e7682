package dev.pacer.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CursorTrackerTest {
    private static CursorPosition at(String ts) {
        return CursorPosition.of(LocalDateTime.parse(ts), null);
    }

    private static CursorPosition at(String ts, long id) {
        return CursorPosition.of(LocalDateTime.parse(ts), id);
    }

    @Test
    void withoutRowsTheStartStays() {
        CursorPosition start = at("2024-01-01T00:00:00");
        assertThat(new CursorTracker(false, start).safePosition(true)).isEqualTo(start);
        assertThat(new CursorTracker(false, null).safePosition(true)).isNull();
    }

    @Test
    void timestampAloneSavesOnlyCompletedTimestampsUntilTheRunEnds() {
        CursorPosition start = at("2023-12-31T00:00:00");
        CursorTracker t = new CursorTracker(false, start);
        t.advance(at("2024-01-01T00:00:00"));
        t.advance(at("2024-01-01T00:00:00"));
        // more rows of 2024-01-01 may follow the chunk: saving it would skip them
        assertThat(t.safePosition(false)).isEqualTo(start);
        t.advance(at("2024-01-02T00:00:00"));
        assertThat(t.safePosition(false)).isEqualTo(at("2024-01-01T00:00:00"));
        assertThat(t.safePosition(true)).isEqualTo(at("2024-01-02T00:00:00"));
    }

    @Test
    void withAnIdColumnTheLastRowIsExact() {
        CursorTracker t = new CursorTracker(true, null);
        t.advance(at("2024-01-01T00:00:00", 1));
        t.advance(at("2024-01-01T00:00:00", 2));
        assertThat(t.safePosition(false)).isEqualTo(at("2024-01-01T00:00:00", 2));
    }

    @Test
    void positionsRoundTripWithTheirTypes() {
        CursorPosition p = CursorPosition.of(java.time.OffsetDateTime.parse("2024-01-01T08:00:00+08:00"), 10248);
        assertThat(p.timestampType()).isEqualTo("OFFSET");
        assertThat(p.timestampValue()).isEqualTo(java.time.OffsetDateTime.parse("2024-01-01T08:00:00+08:00"));
        assertThat(p.idValue()).isEqualTo(new java.math.BigDecimal("10248"));
        assertThat(CursorPosition.of(java.time.LocalDate.parse("2024-01-01"), "A-7").idValue()).isEqualTo("A-7");
    }
}
