package dev.pacer.goal.progress;

import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;

/**
 * A parent's progress rolled up from its children: weighted means of their attainments, the weights normalised
 * over the children that have data (see {@link ProgressCalculator#rollUp}).
 *
 * @param attainmentToDate    weighted mean of the children's attainment to date; null when no child has data
 * @param attainmentBase      weighted mean of the children's final attainment against their base targets
 * @param attainmentChallenge weighted mean of the children's final attainment against their challenge targets
 * @param status              from {@code attainmentToDate} and the tolerances; NO_DATA when no child has data
 * @param childrenWithData    children that counted
 * @param children            all children
 */
public record RollUp(
        BigDecimal attainmentToDate,
        BigDecimal attainmentBase,
        BigDecimal attainmentChallenge,
        PaceStatus status,
        int childrenWithData,
        int children) {
}
