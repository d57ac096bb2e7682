package dev.pacer.platform.time;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Dates and numbers written in their plain ISO form, read without {@code DateTimeFormatter} — the common case on the
 * services' hot paths (each record's event date), at a fraction of the formatter's cost. Anything not in that form is
 * left to the formatter: the readers here answer null or −1, never throw.
 */
public final class IsoText {
    private IsoText() {
    }

    /** A valid date written exactly {@code yyyy-MM-dd}; null for anything else (which the formatter then decides). */
    public static LocalDate plainDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The ASCII digits {@code s[from, to)} as a number; −1 when one of them is not a digit. */
    public static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
