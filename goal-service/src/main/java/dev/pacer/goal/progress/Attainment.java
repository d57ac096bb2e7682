package dev.pacer.goal.progress;

import dev.pacer.goal.tree.Direction;
import java.math.BigDecimal;

/**
 * The attainment rule: one ratio form for both directions, 1 = exactly as planned, above 1 = better.
 * <ul>
 *   <li>higher is better: {@code actual / reference}</li>
 *   <li>lower is better: {@code reference / actual} (e.g. target 3 %, actual 4 % → 0.75; actual 2.5 % → 1.2)</li>
 * </ul>
 * The reference is the expected value to date (attainment to date, which drives the pace status) or the base or
 * challenge target (final attainment). A ratio is only meaningful for non-negative values with a positive
 * denominator; otherwise (e.g. expected 0, or a lower-is-better actual of 0) the attainment is undefined (null).
 * Results are rounded per {@link ProgressMath}.
 */
public final class Attainment {
    private Attainment() {
    }

    /** The attainment of {@code actual} against {@code reference}, or null when either is null or it is undefined. */
    public static BigDecimal of(Direction direction, BigDecimal actual, BigDecimal reference) {
        if (actual == null || reference == null) {
            return null;
        }
        BigDecimal numerator = direction == Direction.LOWER_IS_BETTER ? reference : actual;
        BigDecimal denominator = direction == Direction.LOWER_IS_BETTER ? actual : reference;
        if (denominator.signum() <= 0 || numerator.signum() < 0) {
            return null;
        }
        return ProgressMath.report(ProgressMath.divide(numerator, denominator));
    }
}
