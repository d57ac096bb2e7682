package dev.pacer.goal.progress;

import dev.pacer.events.Grain;
import dev.pacer.goal.tree.GoalWindow;
import dev.pacer.goal.tree.Quarter;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.platform.calendar.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dates in which a goal is measured: quarters {@code from}…{@code to} of fiscal year {@code fiscalYear} of
 * {@code calendar}, from the first day of {@code from} (inclusive) to the day after {@code to} (exclusive).
 * Every calendar day counts as one day of the window, February 29 included.
 */
public record ProgressWindow(FiscalCalendar calendar, int fiscalYear, Quarter from, Quarter to) {

    public ProgressWindow {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.compareTo(to) > 0) {
            throw new IllegalArgumentException("window must start no later than it ends: " + from + "–" + to);
        }
    }

    /**
     * The window of a goal: its period ({@code FY2026} or {@code FY2026-Q2}) narrowed to its window of quarters
     * (the whole period when {@code window} is null).
     */
    public static ProgressWindow of(FiscalCalendar calendar, dev.pacer.goal.tree.Period period, GoalWindow window) {
        GoalWindow w = window == null ? period.window() : window;
        if (period.isQuarter() && (w.fromQuarter() != period.quarter() || w.toQuarter() != period.quarter())) {
            throw new IllegalArgumentException("window " + w.label() + " is not inside period " + period.label());
        }
        return new ProgressWindow(calendar, period.fiscalYear(), w.fromQuarter(), w.toQuarter());
    }

    /** First day of the window. */
    public LocalDate start() {
        return quarter(from).start();
    }

    /** The day after the window's last day. */
    public LocalDate end() {
        return quarter(to).end();
    }

    /** Number of days in the window. */
    public long days() {
        return end().toEpochDay() - start().toEpochDay();
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start()) && date.isBefore(end());
    }

    /**
     * Days of the window up to and including {@code asOf}: 0 before the window, {@link #days()} after it.
     * The as-of date is the last day whose data counts, so it is itself an elapsed day.
     */
    public long elapsedDays(LocalDate asOf) {
        return elapsedDays(start(), end(), asOf);
    }

    /** The fiscal quarter {@code q} of the window's fiscal year, as dates. */
    public Period quarter(Quarter q) {
        return calendar.fiscalQuarter(fiscalYear, q.number());
    }

    /** The quarters of the window, in order. */
    public List<Quarter> quarters() {
        List<Quarter> result = new ArrayList<>();
        for (Quarter q : Quarter.values()) {
            if (q.compareTo(from) >= 0 && q.compareTo(to) <= 0) {
                result.add(q);
            }
        }
        return result;
    }

    /** The calendar months of the window, in order. */
    public List<Period> months() {
        return calendar.periodsBetween(Grain.MONTH, start(), end());
    }

    /** {@code FY2026 Q2–Q4}. */
    public String label() {
        return "FY" + fiscalYear + " " + new GoalWindow(from, to).label();
    }

    static long elapsedDays(LocalDate start, LocalDate end, LocalDate asOf) {
        long total = end.toEpochDay() - start.toEpochDay();
        long elapsed = asOf.toEpochDay() - start.toEpochDay() + 1;
        return Math.max(0, Math.min(total, elapsed));
    }
}
