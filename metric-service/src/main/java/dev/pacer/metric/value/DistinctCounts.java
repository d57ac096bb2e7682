package dev.pacer.metric.value;

import dev.pacer.events.Grain;
import dev.pacer.platform.calendar.FiscalCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the distinct counts of a COUNT_DISTINCT metric move when values appear on days or vanish from them. A value
 * counts in a period (of any grain) while it is present on at least one of the period's days; so for each changed
 * value the periods it is present in now are compared with those it was present in before — its days now, minus the
 * days it appeared on, plus the days it vanished from. One read of the value's days serves every grain.
 */
final class DistinctCounts {
    private DistinctCounts() {
    }

    /** One count cell: grain, period start and slice (the state's {@code dims} as JSON text). */
    record Cell(Grain grain, LocalDate periodStart, String dims) implements Comparable<Cell> {
        @Override
        public int compareTo(Cell o) {
            int c = grain.compareTo(o.grain);
            if (c == 0) {
                c = periodStart.compareTo(o.periodStart);
            }
            return c != 0 ? c : dims.compareTo(o.dims);
        }
    }

    /**
     * One changed value of a slice: the days it appeared on (0 → some facts) and vanished from (→ 0) in this
     * transaction, and the days it is present on now (after the change).
     */
    record Change(String dims, Collection<LocalDate> came, Collection<LocalDate> went, Collection<LocalDate> now) {
    }

    /** The moves of the counts, by cell, in cell order (cells whose moves cancel out are left out). */
    static Map<Cell, Long> moves(Iterable<Change> changes, FiscalCalendar calendar) {
        Map<Cell, Long> out = new TreeMap<>();
        for (Change ch : changes) {
            if (ch.went().isEmpty() && ch.now().size() == ch.came().size()) {
                // the common case, a value new to the slice: it joins every period of the days it appeared on
                for (Grain g : Grain.values()) {
                    for (LocalDate p : periods(g, ch.came(), calendar)) {
                        out.merge(new Cell(g, p, ch.dims()), 1L, Long::sum);
                    }
                }
                continue;
            }
            Set<LocalDate> before = new HashSet<>(ch.now());
            before.removeAll(ch.came());
            before.addAll(ch.went());
            for (Grain g : Grain.values()) {
                Set<LocalDate> periodsNow = periods(g, ch.now(), calendar);
                Set<LocalDate> periodsBefore = periods(g, before, calendar);
                for (LocalDate p : periodsNow) {
                    if (!periodsBefore.contains(p)) {
                        out.merge(new Cell(g, p, ch.dims()), 1L, Long::sum);
                    }
                }
                for (LocalDate p : periodsBefore) {
                    if (!periodsNow.contains(p)) {
                        out.merge(new Cell(g, p, ch.dims()), -1L, Long::sum);
                    }
                }
            }
        }
        out.values().removeIf(v -> v == 0);
        return out;
    }

    private static Set<LocalDate> periods(Grain g, Collection<LocalDate> days, FiscalCalendar calendar) {
        if (days.size() == 1) {
            LocalDate d = days.iterator().next();
            return Set.of(g == Grain.DAY ? d : calendar.startOf(g, d));
        }
        Set<LocalDate> out = new HashSet<>();
        for (LocalDate d : days) {
            out.add(g == Grain.DAY ? d : calendar.startOf(g, d));
        }
        return out;
    }

    /** Days written as comma-separated epoch days ({@code 20590,20591}); none for null. */
    static List<LocalDate> epochDays(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<LocalDate> out = new ArrayList<>(2);
        int from = 0;
        while (from <= text.length()) {
            int comma = text.indexOf(',', from);
            int to = comma < 0 ? text.length() : comma;
            out.add(LocalDate.ofEpochDay(Long.parseLong(text, from, to, 10)));
            from = to + 1;
        }
        return out;
    }
}
