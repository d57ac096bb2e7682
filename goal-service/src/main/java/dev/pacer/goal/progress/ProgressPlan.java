package dev.pacer.goal.progress;

import dev.pacer.goal.tree.Plan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** How the expected value is spread over a goal's window, with the data each kind of plan needs. */
public sealed interface ProgressPlan {

    /** Evenly over the days of the window. */
    record Linear() implements ProgressPlan {
    }

    /**
     * The value expected by the end of fiscal Q1, Q2, Q3 and Q4 (four values, by fiscal quarter). For a TOTAL
     * measure they are cumulative from the start of the window. Milestones of quarters outside the window are
     * ignored; the window starts from 0 (TOTAL) or the baseline (END_OF_WINDOW, AVERAGE).
     */
    record QuarterlyMilestones(List<BigDecimal> milestones) implements ProgressPlan {
        public QuarterlyMilestones {
            Objects.requireNonNull(milestones, "milestones");
            if (milestones.size() != 4 || milestones.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("quarterly milestones are four values, one per fiscal quarter");
            }
            milestones = List.copyOf(milestones);
        }

        /** The milestone of fiscal quarter {@code q}. */
        public BigDecimal of(dev.pacer.goal.tree.Quarter q) {
            return milestones.get(q.ordinal());
        }
    }

    /**
     * Shaped like last year: the actual of each calendar month one year earlier, keyed by that month's first day
     * (e.g. {@code 2025-03-01 → 120} shapes March 2026). A missing month weighs nothing. When last year has no
     * positive total over the window the plan cannot be shaped and falls back to {@link Linear}.
     */
    record Seasonal(Map<LocalDate, BigDecimal> lastYearByMonth) implements ProgressPlan {
        public Seasonal {
            Objects.requireNonNull(lastYearByMonth, "lastYearByMonth");
            TreeMap<LocalDate, BigDecimal> copy = new TreeMap<>();
            lastYearByMonth.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
            lastYearByMonth = Collections.unmodifiableSortedMap(copy);
        }
    }

    ProgressPlan LINEAR = new Linear();

    /**
     * The plan of a goal of the goal tree; {@code lastYearByMonth} is only read for a SEASONAL plan (last year's
     * monthly actuals of the goal's measure, keyed by month start). A null plan is LINEAR.
     */
    static ProgressPlan of(Plan plan, Map<LocalDate, BigDecimal> lastYearByMonth) {
        if (plan == null) {
            return LINEAR;
        }
        return switch (plan.type()) {
            case LINEAR -> LINEAR;
            case QUARTERLY_MILESTONES -> new QuarterlyMilestones(plan.milestones());
            case SEASONAL -> new Seasonal(lastYearByMonth == null ? Map.of() : lastYearByMonth);
        };
    }
}
