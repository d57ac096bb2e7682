package dev.pacer.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldTypeTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void integersBecomeLongsFromAnyWholeJsonNumber() {
        assertThat(FieldType.INTEGER.convert(42, SHANGHAI)).isEqualTo(42L);
        assertThat(FieldType.INTEGER.convert(9_000_000_000L, SHANGHAI)).isEqualTo(9_000_000_000L);
        assertThat(FieldType.INTEGER.convert(new BigDecimal("5.0"), SHANGHAI)).isEqualTo(5L);
        assertThat(FieldType.INTEGER.convert(new BigDecimal("1E+3"), SHANGHAI)).isEqualTo(1000L);
        assertThat(FieldType.INTEGER.convert(BigInteger.valueOf(Long.MAX_VALUE), SHANGHAI)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void integersRefuseFractionsStringsAndOverflow() {
        assertThatThrownBy(() -> FieldType.INTEGER.convert(new BigDecimal("1.5"), SHANGHAI))
                .isInstanceOf(InvalidValueException.class).hasMessage("must be a whole number, not 1.5");
        assertThatThrownBy(() -> FieldType.INTEGER.convert("12", SHANGHAI))
                .hasMessage("must be a whole number, not the string \"12\"");
        assertThatThrownBy(() -> FieldType.INTEGER.convert(new BigInteger("9223372036854775808"), SHANGHAI))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> FieldType.INTEGER.convert(new BigDecimal("1E+30"), SHANGHAI))
                .hasMessageContaining("out of range");
    }

    @Test
    void decimalsStayExactBigDecimals() {
        assertThat(FieldType.DECIMAL.convert(new BigDecimal("14.00"), SHANGHAI))
                .isEqualTo(new BigDecimal("14.00")); // scale kept: equals, not compareTo
        assertThat(FieldType.DECIMAL.convert(new BigDecimal("0.15"), SHANGHAI)).isEqualTo(new BigDecimal("0.15"));
        assertThat(FieldType.DECIMAL.convert(7, SHANGHAI)).isEqualTo(new BigDecimal("7"));
        assertThat(FieldType.DECIMAL.convert(new BigDecimal("1E+3"), SHANGHAI)).isEqualTo(new BigDecimal("1000"));
        assertThat(FieldType.DECIMAL.convert(0.1d, SHANGHAI)).isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void decimalsRefuseStringsAndAbsurdMagnitudes() {
        assertThatThrownBy(() -> FieldType.DECIMAL.convert("9.80", SHANGHAI))
                .hasMessage("must be a decimal number, not the string \"9.80\"");
        assertThatThrownBy(() -> FieldType.DECIMAL.convert(new BigDecimal("1E+400"), SHANGHAI))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> FieldType.DECIMAL.convert(new BigDecimal("1E-39"), SHANGHAI))
                .hasMessageContaining("decimal places");
    }

    @Test
    void datesAreIsoLocalDatesAndStrict() {
        assertThat(FieldType.DATE.convert("1996-07-04", SHANGHAI)).isEqualTo(LocalDate.of(1996, 7, 4));
        assertThatThrownBy(() -> FieldType.DATE.convert("1996-02-30", SHANGHAI))
                .hasMessage("is not a date (yyyy-MM-dd): the string \"1996-02-30\"");
        assertThatThrownBy(() -> FieldType.DATE.convert("04/07/1996", SHANGHAI)).hasMessageContaining("is not a date");
        assertThatThrownBy(() -> FieldType.DATE.convert(19960704, SHANGHAI))
                .hasMessage("must be a date (yyyy-MM-dd) in a string, not 19960704");
    }

    @Test
    void timestampsKeepTheirOffsetOrTakeTheConfiguredZone() {
        assertThat(FieldType.TIMESTAMP.convert("2024-05-01T09:30:00+08:00", ZoneOffset.UTC))
                .isEqualTo(OffsetDateTime.of(2024, 5, 1, 9, 30, 0, 0, ZoneOffset.ofHours(8)));
        assertThat(FieldType.TIMESTAMP.convert("2024-05-01T01:30:00.123456Z", SHANGHAI))
                .isEqualTo(OffsetDateTime.of(2024, 5, 1, 1, 30, 0, 123_456_000, ZoneOffset.UTC));
        assertThat(FieldType.TIMESTAMP.convert("2024-05-01T09:30:00", SHANGHAI))
                .isEqualTo(OffsetDateTime.of(2024, 5, 1, 9, 30, 0, 0, ZoneOffset.ofHours(8)));
        assertThatThrownBy(() -> FieldType.TIMESTAMP.convert("2024-05-01 09:30", SHANGHAI))
                .hasMessageContaining("is not an ISO-8601 timestamp");
    }

    @Test
    void stringsAndBooleansMustHaveTheirJsonType() {
        assertThat(FieldType.STRING.convert("ALFKI", SHANGHAI)).isEqualTo("ALFKI");
        assertThat(FieldType.BOOLEAN.convert(true, SHANGHAI)).isEqualTo(true);
        assertThatThrownBy(() -> FieldType.STRING.convert(12345, SHANGHAI)).hasMessage("must be a string, not 12345");
        assertThatThrownBy(() -> FieldType.BOOLEAN.convert("yes", SHANGHAI))
                .hasMessage("must be true or false, not the string \"yes\"");
        assertThatThrownBy(() -> FieldType.STRING.convert(Map.of(), SHANGHAI)).hasMessageContaining("an object");
        assertThatThrownBy(() -> FieldType.STRING.convert(List.of(), SHANGHAI)).hasMessageContaining("an array");
    }

    @Test
    void stringsNoDatabaseTextCanHoldAreRefused() {
        for (String s : List.of("a\u0000b", "\uDC00", "x\uD83D", "\uD83Dx")) {
            assertThatThrownBy(() -> FieldType.STRING.convert(s, SHANGHAI)).hasMessageContaining("U+0000");
        }
        assertThat(FieldType.STRING.convert("Zoë 中文 😀", SHANGHAI)).isEqualTo("Zoë 中文 😀");
    }

    @Test
    void keyTextIsCanonical() {
        assertThat(FieldType.DECIMAL.keyText(new BigDecimal("14.00"))).isEqualTo("14");
        assertThat(FieldType.DECIMAL.keyText(new BigDecimal("1000"))).isEqualTo("1000");
        assertThat(FieldType.DECIMAL.keyText(new BigDecimal("0.150"))).isEqualTo("0.15");
        assertThat(FieldType.TIMESTAMP.keyText(OffsetDateTime.of(2024, 5, 1, 9, 30, 0, 0, ZoneOffset.ofHours(8))))
                .isEqualTo("2024-05-01T01:30:00Z");
        assertThat(FieldType.DATE.keyText(LocalDate.of(1996, 7, 4))).isEqualTo("1996-07-04");
        assertThat(FieldType.INTEGER.keyText(10248L)).isEqualTo("10248");
    }

    @Test
    void longValuesAreShortenedInReasons() {
        assertThatThrownBy(() -> FieldType.INTEGER.convert("x".repeat(500), SHANGHAI))
                .hasMessageEndingWith("…\"").message().hasSizeLessThan(120);
    }

    @Test
    void datesAreReadInThePlainFormOrByTheFormatter() {
        assertThat(FieldType.DATE.convert("2024-02-29", SHANGHAI)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThatThrownBy(() -> FieldType.DATE.convert("2023-02-29", SHANGHAI))
                .hasMessageContaining("is not a date (yyyy-MM-dd)");
        assertThat(FieldType.DATE.convert("+10000-01-01", SHANGHAI)).isEqualTo(LocalDate.of(10_000, 1, 1));
    }
}
