package dev.pacer.platform.calendar;

import dev.pacer.events.Grain;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pacer's calendar: a time zone and the month the fiscal year starts in. Grains are day, ISO week (Monday start),
 * calendar month, fiscal quarter and fiscal year. A fiscal year is named after the calendar year it starts in
 * ({@code FY2026} with an April start runs 2026-04-01 … 2027-03-31); with a January start it is the calendar year.
 */
public record FiscalCalendar(ZoneId zone, int fiscalYearStartMonth) {
    private static final Pattern YEAR = Pattern.compile("FY(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("FY(\\d{4})-Q([1-4])");

    public FiscalCalendar {
        if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
            throw new IllegalArgumentException("fiscal year start month must be 1–12, not " + fiscalYearStartMonth);
        }
    }

    public static FiscalCalendar utcCalendarYear() {
        return new FiscalCalendar(ZoneId.of("UTC"), 1);
    }

    /** The business date of an instant in this calendar's zone. */
    public LocalDate dateOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The period of {@code grain} that contains {@code date}: its {@link #startOf start}, end and label. */
    public Period periodOf(Grain grain, LocalDate date) {
        LocalDate start = startOf(grain, date);
        return switch (grain) {
            case DAY -> new Period(grain, start, start.plusDays(1), start.toString());
            case WEEK -> {
                // ISO 8601: a week belongs to the year of its Thursday, numbered from that year's first Thursday.
                // Plain arithmetic: LocalDate.get(IsoFields…) beside get(ChronoField…) kept C2 recompiling it.
                LocalDate thursday = start.plusDays(3);
                yield new Period(grain, start, start.plusWeeks(1), thursday.getYear() + "-W"
                        + twoDigits((thursday.getDayOfYear() - 1) / 7 + 1));
            }
            case MONTH -> new Period(grain, start, start.plusMonths(1), start.getYear() + "-"
                    + twoDigits(start.getMonthValue()));
            case QUARTER -> {
                LocalDate fyStart = fiscalYearStart(start);
                yield new Period(grain, start, start.plusMonths(3), "FY" + fyStart.getYear() + "-Q"
                        + (monthsBetween(fyStart, start) / 3 + 1));
            }
            case YEAR -> new Period(grain, start, start.plusYears(1), "FY" + start.getYear());
        };
    }

    /**
     * The first day of the period of {@code grain} that contains {@code date}, without building the period's label
     * (the hot paths need only this).
     */
    public LocalDate startOf(Grain grain, LocalDate date) {
        return switch (grain) {
            case DAY -> date;
            case WEEK -> monday(date);
            case MONTH -> date.withDayOfMonth(1);
            case QUARTER -> {
                LocalDate fyStart = fiscalYearStart(date);
                yield fyStart.plusMonths(3 * (monthsBetween(fyStart, date) / 3));
            }
            case YEAR -> fiscalYearStart(date);
        };
    }

    private static LocalDate monday(LocalDate date) {
        return date.minusDays(date.getDayOfWeek().getValue() - 1L);
    }

    /** 1 → "01": labels are built on every value computed, where String.format showed in profiles. */
    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    /** The fiscal year named {@code FYyyyy}. */
    public Period fiscalYear(int year) {
        LocalDate start = LocalDate.of(year, fiscalYearStartMonth, 1);
        return new Period(Grain.YEAR, start, start.plusYears(1), "FY" + year);
    }

    /** Quarter 1–4 of fiscal year {@code year}. */
    public Period fiscalQuarter(int year, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1–4, not " + quarter);
        }
        LocalDate start = LocalDate.of(year, fiscalYearStartMonth, 1).plusMonths(3L * (quarter - 1));
        return new Period(Grain.QUARTER, start, start.plusMonths(3), "FY" + year + "-Q" + quarter);
    }

    /** Parses a period label ({@code FY2026}, {@code FY2026-Q2}, {@code 2026-03}, {@code 2026-W09}, {@code 2026-03-01}). */
    public Period parse(String label) {
        if (label == null) {
            throw new IllegalArgumentException("period is missing");
        }
        Matcher q = QUARTER.matcher(label);
        if (q.matches()) {
            return fiscalQuarter(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2)));
        }
        Matcher y = YEAR.matcher(label);
        if (y.matches()) {
            return fiscalYear(Integer.parseInt(y.group(1)));
        }
        try {
            if (label.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return periodOf(Grain.DAY, LocalDate.parse(label));
            }
            if (label.matches("\\d{4}-\\d{2}")) {
                return periodOf(Grain.MONTH, LocalDate.parse(label + "-01"));
            }
            Matcher w = Pattern.compile("(\\d{4})-W(\\d{2})").matcher(label);
            if (w.matches()) {
                LocalDate d = LocalDate.of(Integer.parseInt(w.group(1)), 1, 4)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Long.parseLong(w.group(2)));
                Period p = periodOf(Grain.WEEK, d);
                if (p.label().equals(label)) {
                    return p;
                }
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + label + "' is not a valid period: " + e.getMessage());
        }
        throw new IllegalArgumentException("'" + label + "' is not a period; use FY2026, FY2026-Q2, 2026-03, 2026-W09 "
                + "or 2026-03-01");
    }

    /** Every period of {@code grain} that overlaps [from, to). */
    public List<Period> periodsBetween(Grain grain, LocalDate from, LocalDate to) {
        List<Period> result = new ArrayList<>();
        if (!to.isAfter(from)) {
            return result;
        }
        Period p = periodOf(grain, from);
        while (p.start().isBefore(to)) {
            result.add(p);
            p = periodOf(grain, p.end());
        }
        return result;
    }

    /** The period just before {@code p}. */
    public Period previous(Period p) {
        return periodOf(p.grain(), p.start().minusDays(1));
    }

    /** The same period one year earlier (for weeks: the ISO week with the same number, or the nearest). */
    public Period sameLastYear(Period p) {
        if (p.grain() == Grain.WEEK) {
            return periodOf(Grain.WEEK, p.start().minusWeeks(52));
        }
        return periodOf(p.grain(), p.start().minusYears(1));
    }

    private LocalDate fiscalYearStart(LocalDate date) {
        LocalDate candidate = LocalDate.of(date.getYear(), fiscalYearStartMonth, 1);
        return date.isBefore(candidate) ? candidate.minusYears(1) : candidate;
    }

    private static long monthsBetween(LocalDate start, LocalDate date) {
        return (date.getYear() - start.getYear()) * 12L + date.getMonthValue() - start.getMonthValue();
    }
}
