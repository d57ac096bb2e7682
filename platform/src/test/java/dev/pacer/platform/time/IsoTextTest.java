package dev.pacer.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoTextTest {
    @Test
    void plainDatesAreReadAsTheIsoFormatterReadsThem() {
        List<String> samples = new ArrayList<>(List.of("0000-01-01", "0000-02-29", "9999-12-31", "1900-02-29",
                "2000-02-29", "2023-02-29", "2024-02-29", "2024-04-31", "2024-00-10", "2024-13-01", "2024-01-00",
                "2024-01-32", "2024-1-01", "2024/01/01", "+2024-01-01", "20240-01-01", "2024-01-0a", "-024-01-01",
                "２０２４-01-01", "2024-01-01 ", "2024-01-01T00:00", "24-01-01", ""));
        for (int year : new int[] {1996, 2000, 2024, 2100}) {
            for (int month = 1; month <= 12; month++) {
                for (int day = 1; day <= 32; day++) {
                    samples.add(String.format("%04d-%02d-%02d", year, month, day));
                }
            }
        }
        for (LocalDate d = LocalDate.of(1999, 1, 1); d.isBefore(LocalDate.of(2030, 1, 1)); d = d.plusDays(1)) {
            samples.add(d.toString());
        }
        for (String s : samples) {
            LocalDate byFormatter;
            try {
                byFormatter = LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                byFormatter = null;
            }
            LocalDate plain = IsoText.plainDate(s);
            if (plain != null) {
                assertThat(plain).as(s).isEqualTo(byFormatter);
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                assertThat(plain).as("every valid plain date is read, every invalid one refused: " + s)
                        .isEqualTo(byFormatter);
            }
        }
    }

    @Test
    void digitsAreReadOrRefused() {
        assertThat(IsoText.digits("x2024y", 1, 5)).isEqualTo(2024);
        assertThat(IsoText.digits("0007", 0, 4)).isEqualTo(7);
        assertThat(IsoText.digits("20a4", 0, 4)).isEqualTo(-1);
        assertThat(IsoText.digits("２０", 0, 2)).isEqualTo(-1);
    }
}
