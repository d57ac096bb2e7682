package dev.pacer.goal.progress;

import dev.pacer.goal.tree.Aggregation;
import dev.pacer.goal.tree.Direction;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a goal's progress is measured against: its window, direction, how the window aggregates the metric,
 * baseline, base and challenge targets, and plan.
 *
 * @param baseline        value at the start of the window; required for END_OF_WINDOW and AVERAGE (the expected
 *                        value moves from it to the target), not used for TOTAL (a total starts from 0)
 * @param challengeTarget optional; without it the challenge figures of the progress are null
 */
public record GoalTerms(
        ProgressWindow window,
        Direction direction,
        Aggregation aggregation,
        BigDecimal baseline,
        BigDecimal baseTarget,
        BigDecimal challengeTarget,
        ProgressPlan plan) {

    public GoalTerms {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(baseTarget, "baseTarget");
        direction = direction == null ? Direction.HIGHER_IS_BETTER : direction;
        aggregation = aggregation == null ? Aggregation.TOTAL : aggregation;
        plan = plan == null ? ProgressPlan.LINEAR : plan;
        if (aggregation != Aggregation.TOTAL && baseline == null) {
            throw new IllegalArgumentException("a baseline is needed for an " + aggregation + " measure");
        }
    }

    /** Where the expected value starts at the beginning of the window: 0 for TOTAL, else the baseline. */
    public BigDecimal startValue() {
        return aggregation == Aggregation.TOTAL ? BigDecimal.ZERO : baseline;
    }
}
