package dev.pacer.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class PullQueryTest {
    private static final String BASE = "select * from order_details";
    private static final LocalDateTime UPPER = LocalDateTime.parse("2025-01-01T11:55:00");

    @Test
    void firstIncrementalRunReadsEverythingUpToTheLateCommitBound() {
        PullQuery q = PullQuery.incremental(BASE, "\"modified_at\"", null, null, UPPER);
        assertThat(q.sql()).isEqualTo("select * from (select * from order_details) src where \"modified_at\" <= ? "
                + "order by \"modified_at\"");
        assertThat(q.parameters()).containsExactly(UPPER);
    }

    @Test
    void timestampCursorReadsRowsStrictlyAfterIt() {
        CursorPosition from = CursorPosition.of(LocalDateTime.parse("2024-01-01T00:00:00"), null);
        PullQuery q = PullQuery.incremental(BASE, "\"ts\"", null, from, UPPER);
        assertThat(q.sql()).endsWith("where \"ts\" > ? and \"ts\" <= ? order by \"ts\"");
        assertThat(q.parameters()).containsExactly(LocalDateTime.parse("2024-01-01T00:00:00"), UPPER);
    }

    @Test
    void timestampAndIdCursorBreaksTiesByTheId() {
        CursorPosition from = CursorPosition.of(LocalDateTime.parse("2024-01-01T00:00:00"), 17L);
        PullQuery q = PullQuery.incremental(BASE, "\"ts\"", "\"id\"", from, UPPER);
        assertThat(q.sql()).endsWith("where (\"ts\" > ? or (\"ts\" = ? and \"id\" > ?)) and \"ts\" <= ? "
                + "order by \"ts\", \"id\"");
        assertThat(q.parameters()).containsExactly(LocalDateTime.parse("2024-01-01T00:00:00"),
                LocalDateTime.parse("2024-01-01T00:00:00"), new BigDecimal("17"), UPPER);
    }

    @Test
    void idCursorHasNoTimeBound() {
        PullQuery q = PullQuery.incremental(BASE, null, "\"id\"", CursorPosition.of(null, 42), null);
        assertThat(q.sql()).endsWith("where \"id\" > ? and \"id\" is not null order by \"id\"");
        assertThat(q.parameters()).containsExactly(new BigDecimal("42"));
    }

    @Test
    void valuesAreAlwaysBindParametersNeverSqlText() {
        CursorPosition from = CursorPosition.of(null, "x' or '1'='1");
        PullQuery q = PullQuery.incremental(BASE, null, "\"code\"", from, null);
        assertThat(q.sql()).doesNotContain("or '1'");
        assertThat(q.parameters()).containsExactly("x' or '1'='1");
    }

    @Test
    void anIncrementalQueryNeedsACursorColumn() {
        assertThatThrownBy(() -> PullQuery.incremental(BASE, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queryLosesItsTrailingSemicolonsAndIsWrapped() {
        assertThat(PullQuery.base(null, " select 1 as a ;; ")).isEqualTo("select 1 as a");
        assertThat(PullQuery.probe("select 1 as a")).isEqualTo("select * from (select 1 as a) src where 1 = 0");
        assertThat(PullQuery.all("select * from t").sql()).isEqualTo("select * from (select * from t) src");
    }
}
