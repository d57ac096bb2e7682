package dev.pacer.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.ingest.catalog.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class JdbcValuesTest {
    @Test
    void floatsBecomeTheDecimalOfTheirShortestText() {
        assertThat(JdbcValues.toInput(9.8f, FieldType.DECIMAL)).isEqualTo(new BigDecimal("9.8"));
        assertThat(JdbcValues.toInput(0.15d, FieldType.DECIMAL)).isEqualTo(new BigDecimal("0.15"));
        assertThat(JdbcValues.toInput(new BigDecimal("14.00"), FieldType.DECIMAL)).isEqualTo(new BigDecimal("14.00"));
    }

    @Test
    void datesAndTimestampsBecomeIsoText() {
        assertThat(JdbcValues.toInput(LocalDate.parse("1996-07-04"), FieldType.DATE)).isEqualTo("1996-07-04");
        assertThat(JdbcValues.toInput(java.sql.Date.valueOf("1996-07-04"), FieldType.DATE)).isEqualTo("1996-07-04");
        assertThat(JdbcValues.toInput(LocalDateTime.parse("1996-07-04T10:15:30"), FieldType.TIMESTAMP))
                .isEqualTo("1996-07-04T10:15:30");
        assertThat(JdbcValues.toInput(OffsetDateTime.parse("1996-07-04T10:15:30+02:00"), FieldType.TIMESTAMP))
                .isEqualTo("1996-07-04T10:15:30+02:00");
        assertThat(JdbcValues.toInput(LocalDate.parse("1996-07-04"), FieldType.TIMESTAMP)).isEqualTo("1996-07-04T00:00");
    }

    @Test
    void anythingBecomesTextForAStringFieldAndMismatchesAreLeftForTheSchema() {
        assertThat(JdbcValues.toInput(5, FieldType.STRING)).isEqualTo("5");
        assertThat(JdbcValues.toInput(new BigDecimal("1E+2"), FieldType.STRING)).isEqualTo("100");
        assertThat(JdbcValues.toInput(7L, FieldType.INTEGER)).isEqualTo(7L);
        assertThat(JdbcValues.toInput(LocalDateTime.parse("1996-07-04T10:15:30"), FieldType.DATE))
                .isEqualTo("1996-07-04T10:15:30");
        assertThat(JdbcValues.toInput(null, FieldType.STRING)).isNull();
    }
}
