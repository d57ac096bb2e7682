package dev.pacer.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.ingest.jdbc.CursorPosition;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HighWaterMarkTest {

    @Test
    void keepsTheLargestTimestampWhateverTheOrderAndOffset() {
        HighWaterMark mark = new HighWaterMark(null);
        mark.offer("2024-05-01T09:30:00Z");
        mark.offer("2024-05-01T11:00:00+02:00"); // 09:00Z: earlier, though larger as text
        mark.offer("2024-04-30T23:59:59Z");
        mark.offer(null);
        mark.offer(Map.of("not", "a value"));
        assertThat(mark.position()).isEqualTo(new CursorPosition(null, null, "2024-05-01T09:30:00Z", "TEXT"));
        assertThat(HighWaterMark.text(mark.position())).isEqualTo("2024-05-01T09:30:00Z");
    }

    @Test
    void comparesNumbersAsNumbers() {
        HighWaterMark mark = new HighWaterMark(null);
        mark.offer(9);
        mark.offer(new BigDecimal("10.5"));
        mark.offer(100L);
        mark.offer(new BigDecimal("99.99"));
        assertThat(mark.position()).isEqualTo(new CursorPosition(null, null, "100", "NUMBER"));
    }

    @Test
    void neverGoesBelowTheCursorTheRunStartedFrom() {
        CursorPosition start = CursorPosition.of(null, "2025-03-01T10:00:00");
        HighWaterMark mark = new HighWaterMark(start);
        mark.offer("2024-01-01T00:00:00");
        assertThat(mark.position()).isEqualTo(start);
        mark.offer("2025-03-01T10:00:01");
        assertThat(mark.position().id()).isEqualTo("2025-03-01T10:00:01");
        assertThat(new HighWaterMark(null).position()).as("nothing seen, nothing to save").isNull();
    }

    @Test
    void datesAndPlainTextCompareInTheirOwnOrder() {
        assertThat(HighWaterMark.compare("2024-12-31", "2024-02-01")).isPositive();
        assertThat(HighWaterMark.compare("b", "a")).isPositive();
    }
}
