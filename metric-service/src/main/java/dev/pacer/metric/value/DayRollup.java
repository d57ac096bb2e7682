package dev.pacer.metric.value;

import dev.pacer.events.Grain;
import dev.pacer.metric.definition.MetricDefinition;
import dev.pacer.metric.definition.MetricKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Week, month, quarter and year values of a decomposable SIMPLE metric, added up from its stored DAY values instead
 * of rescanning the facts: SUM and COUNT are sums of the daily values, MIN and MAX the least and greatest of them.
 * Count-distinct, average, first-seen and entity counts are not decomposable and are always computed from the facts.
 *
 * <p>A period is computed from the facts instead when its daily values cannot be trusted to add up exactly:
 * <ul>
 *   <li>a DAY total without a value: a day whose records all lack the measure. Its null cannot be told apart from a
 *       day emptied by deletes (stored as 0 for SUM/COUNT, as null for MIN/MAX), so whether the period's sum is 0 or
 *       null is only known from the facts;</li>
 *   <li>a DAY value computed from an older definition than the last one recomputed.</li>
 * </ul>
 */
final class DayRollup {
    private DayRollup() {
    }

    /** The SQL aggregate over the DAY rows' {@code raw_value}, if the metric's coarser values may be rolled up. */
    static Optional<String> aggregate(MetricDefinition d) {
        if (d.kind() != MetricKind.SIMPLE || d.aggregation() == null) {
            return Optional.empty();
        }
        return switch (d.aggregation()) {
            case SUM, COUNT -> Optional.of("sum(raw_value)");
            case MIN -> Optional.of("min(raw_value)");
            case MAX -> Optional.of("max(raw_value)");
            case COUNT_DISTINCT, AVERAGE -> Optional.empty();
        };
    }

    /** Whether the grain's values may come from DAY values (DAY itself always comes from the facts). */
    static boolean rollsUp(Grain grain) {
        return grain != Grain.DAY;
    }

    /**
     * One rolled-up cell as read from the DAY rows of its period and slice: the aggregate, whether a DAY total of the
     * period had no value, and whether a DAY value of the period predates the definition in force.
     */
    record Row(LocalDate periodStart, Map<String, String> dims, BigDecimal value, boolean nullDayTotal,
            boolean staleDay) {
    }

    /** Values rolled up from the DAY rows, and the periods that must be computed from the facts instead. */
    record Result(Map<Slice, BigDecimal> values, Set<LocalDate> fromFacts) {
    }

    /**
     * Splits the rolled-up rows of the requested periods: a period with a null DAY total or a stale DAY value goes to
     * {@code fromFacts} as a whole (none of its slices is taken); the others' cells are the values. A period without
     * any DAY row has no facts: it gets no values here, like a query over the facts would give it none.
     */
    static Result split(Grain grain, Set<LocalDate> starts, List<Row> rows) {
        Set<LocalDate> fromFacts = new TreeSet<>();
        for (Row r : rows) {
            if (starts.contains(r.periodStart()) && (r.nullDayTotal() || r.staleDay())) {
                fromFacts.add(r.periodStart());
            }
        }
        Map<Slice, BigDecimal> values = new HashMap<>();
        for (Row r : rows) {
            if (starts.contains(r.periodStart()) && !fromFacts.contains(r.periodStart())) {
                values.put(new Slice(grain, r.periodStart(), r.dims()), r.value());
            }
        }
        return new Result(values, fromFacts);
    }
}
