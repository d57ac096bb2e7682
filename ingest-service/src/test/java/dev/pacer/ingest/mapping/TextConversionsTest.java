package dev.pacer.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.ingest.catalog.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TextConversionsTest {
    private final TextConversions iso = TextConversions.DEFAULT;

    @Test
    void numbersAreExact() {
        assertThat(iso.toInput("10248", FieldType.INTEGER)).isEqualTo(10248L);
        assertThat(iso.toInput(" -7 ", FieldType.INTEGER)).isEqualTo(-7L);
        assertThat(iso.toInput("99999999999999999999", FieldType.INTEGER)).isEqualTo(new BigInteger("99999999999999999999"));
        assertThat(iso.toInput("14.00", FieldType.DECIMAL)).isEqualTo(new BigDecimal("14.00"));
        assertThat(iso.toInput("9.8", FieldType.DECIMAL)).isEqualTo(new BigDecimal("9.8"));
    }

    @Test
    void decimalCommaReadsEuropeanNumbers() {
        TextConversions comma = new TextConversions(true, null, null, null);
        assertThat(comma.toInput("1.234,50", FieldType.DECIMAL)).isEqualTo(new BigDecimal("1234.50"));
        assertThat(comma.toInput("0,15", FieldType.DECIMAL)).isEqualTo(new BigDecimal("0.15"));
    }

    @Test
    void emptyCellsAreNoValueAndUnparsableTextIsLeftForTheSchema() {
        assertThat(iso.toInput("", FieldType.DATE)).isNull();
        assertThat(iso.toInput("  ", FieldType.INTEGER)).isNull();
        assertThat(iso.toInput("12x", FieldType.INTEGER)).isEqualTo("12x");
        assertThat(iso.toInput("abc", FieldType.DECIMAL)).isEqualTo("abc");
        assertThat(iso.toInput("maybe", FieldType.BOOLEAN)).isEqualTo("maybe");
        assertThat(iso.toInput(" padded ", FieldType.STRING)).isEqualTo(" padded ");
    }

    @Test
    void booleansInTheUsualSpellings() {
        assertThat(iso.toInput("Yes", FieldType.BOOLEAN)).isEqualTo(true);
        assertThat(iso.toInput("0", FieldType.BOOLEAN)).isEqualTo(false);
        assertThat(iso.toInput("是", FieldType.BOOLEAN)).isEqualTo(true);
    }

    @Test
    void datesAndTimestampsInAPatternAndZone() {
        TextConversions german = new TextConversions(false, "dd.MM.yyyy", "dd.MM.yyyy HH:mm", ZoneId.of("Europe/Berlin"));
        assertThat(german.toInput("04.07.1996", FieldType.DATE)).isEqualTo("1996-07-04");
        assertThat(german.toInput("04.07.1996 09:30", FieldType.TIMESTAMP)).isEqualTo("1996-07-04T09:30+02:00");
        assertThat(german.toInput("1996-07-04", FieldType.DATE)).isEqualTo("1996-07-04");
        assertThat(iso.toInput("1996-07-04T09:30:00+08:00", FieldType.TIMESTAMP)).isEqualTo("1996-07-04T09:30:00+08:00");
    }

    @Test
    void aBadPatternIsNamed() {
        assertThatThrownBy(() -> new TextConversions(false, "yyyy-bb", null, null))
                .hasMessageStartingWith("dateFormat is not a date-time pattern");
    }
}
