package dev.pacer.metric.value;

import dev.pacer.events.Grain;
import dev.pacer.platform.calendar.FiscalCalendar;

/**
 * SQL that maps a date column to the start of its period, for each grain, in the configured fiscal calendar. Fiscal
 * quarters and years shift the date back by the fiscal offset, truncate, and shift forward again. Only the column
 * (chosen by our code) and the offset (a configured integer) are written into the SQL.
 */
final class Buckets {
    private Buckets() {
    }

    static String startOf(Grain grain, String column, FiscalCalendar calendar) {
        int offset = calendar.fiscalYearStartMonth() - 1;
        return switch (grain) {
            case DAY -> column;
            case WEEK -> "date_trunc('week', " + column + ")::date";
            case MONTH -> "date_trunc('month', " + column + ")::date";
            case QUARTER -> fiscal("quarter", column, offset);
            case YEAR -> fiscal("year", column, offset);
        };
    }

    private static String fiscal(String unit, String column, int offset) {
        if (offset == 0) {
            return "date_trunc('" + unit + "', " + column + ")::date";
        }
        return "(date_trunc('" + unit + "', " + column + " - interval '" + offset + " months') + interval '" + offset
                + " months')::date";
    }
}
