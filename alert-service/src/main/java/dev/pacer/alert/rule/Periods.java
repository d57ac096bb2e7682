package dev.pacer.alert.rule;

import dev.pacer.events.Grain;
import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * Period arithmetic on period starts. Month, quarter and year periods start on fiscal boundaries, which stay fiscal
 * boundaries when moved by whole months, so the arithmetic is calendar arithmetic; weeks are ISO weeks.
 */
public final class Periods {
    private Periods() {
    }

    /** The start of the period before the one starting at {@code start}. */
    public static LocalDate previous(Grain grain, LocalDate start) {
        return switch (grain) {
            case DAY -> start.minusDays(1);
            case WEEK -> start.minusWeeks(1);
            case MONTH -> start.minusMonths(1);
            case QUARTER -> start.minusMonths(3);
            case YEAR -> start.minusYears(1);
        };
    }

    /**
     * The start of the same period {@code years} years earlier: the same day, month or quarter; for weeks, the same ISO
     * week number (week 53 becomes week 52 in a year without one).
     */
    public static LocalDate samePeriodYearsBefore(Grain grain, LocalDate start, int years) {
        if (grain == Grain.WEEK) {
            long year = start.get(IsoFields.WEEK_BASED_YEAR);
            return start.with(IsoFields.WEEK_BASED_YEAR, year - years);
        }
        return start.minusYears(years);
    }
}
