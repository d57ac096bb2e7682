package dev.pacer.goal.progress;

import dev.pacer.goal.tree.Quarter;
import dev.pacer.platform.calendar.FiscalCalendar;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small builders shared by the progress tests. */
final class Fixtures {
    static final FiscalCalendar JANUARY = new FiscalCalendar(ZoneId.of("Asia/Shanghai"), 1);
    static final FiscalCalendar APRIL = new FiscalCalendar(ZoneId.of("Asia/Shanghai"), 4);

    private Fixtures() {
    }

    static ProgressWindow fy(FiscalCalendar calendar, int year) {
        return new ProgressWindow(calendar, year, Quarter.Q1, Quarter.Q4);
    }

    static ProgressWindow window(FiscalCalendar calendar, int year, Quarter from, Quarter to) {
        return new ProgressWindow(calendar, year, from, to);
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    /** Monthly values: "2026-01" → value, … given as alternating month and value. */
    static Map<LocalDate, BigDecimal> monthly(Object... monthAndValue) {
        Map<LocalDate, BigDecimal> values = new LinkedHashMap<>();
        for (int i = 0; i < monthAndValue.length; i += 2) {
            Object v = monthAndValue[i + 1];
            values.put(LocalDate.parse(monthAndValue[i] + "-01"), v == null ? null : new BigDecimal(v.toString()));
        }
        return values;
    }
}
