package dev.pacer.goal.progress;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Rounding rules of the progress arithmetic, in one place.
 * <ul>
 *   <li>Intermediate results (fractions of the window, shares, ratios before they are reported) are computed with
 *       {@link #MC}: 20 significant digits, {@link RoundingMode#HALF_EVEN}. Sums and differences of inputs are exact.</li>
 *   <li>Every number a {@link Progress} or {@link RollUp} reports is rounded once, at the end, to {@link #SCALE}
 *       (6) decimal places with {@link RoundingMode#HALF_UP} — the precision goal values are stored with.
 *       Attainments are ratios (1 = 100 %), so they carry 6 decimals too.</li>
 *   <li>Pace status is decided on the reported (rounded) attainment, so the status always agrees with the number
 *       shown next to it.</li>
 * </ul>
 */
public final class ProgressMath {
    /** Precision of intermediate results. */
    public static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);
    /** Decimal places of reported values and attainments. */
    public static final int SCALE = 6;
    /** Rounding of reported values and attainments. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private ProgressMath() {
    }

    /** {@code value} rounded for reporting; null stays null. */
    public static BigDecimal report(BigDecimal value) {
        return value == null ? null : value.setScale(SCALE, ROUNDING);
    }

    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return a.divide(b, MC);
    }

    static BigDecimal days(long days) {
        return BigDecimal.valueOf(days);
    }
}
