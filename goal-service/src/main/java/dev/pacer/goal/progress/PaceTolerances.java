package dev.pacer.goal.progress;

import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Pace status bands, as deviations of the attainment to date from 1 (as fractions: 0.05 = +5 %). The attainment
 * to date is already direction-aware (see {@link Attainment}), so a positive deviation is always "better than
 * planned".
 * <ul>
 *   <li>AHEAD when attainment − 1 ≥ {@code ahead}</li>
 *   <li>ON_TRACK when attainment − 1 ≥ {@code onTrack}</li>
 *   <li>AT_RISK when attainment − 1 ≥ {@code atRisk}</li>
 *   <li>OFF_TRACK otherwise</li>
 * </ul>
 */
public record PaceTolerances(BigDecimal ahead, BigDecimal onTrack, BigDecimal atRisk) {
    /** Ahead from +5 %, on track from −5 %, at risk from −15 %. */
    public static final PaceTolerances DEFAULT =
            new PaceTolerances(new BigDecimal("0.05"), new BigDecimal("-0.05"), new BigDecimal("-0.15"));

    public PaceTolerances {
        Objects.requireNonNull(ahead, "ahead");
        Objects.requireNonNull(onTrack, "onTrack");
        Objects.requireNonNull(atRisk, "atRisk");
        if (ahead.compareTo(onTrack) < 0 || onTrack.compareTo(atRisk) < 0) {
            throw new IllegalArgumentException("tolerances must satisfy ahead ≥ onTrack ≥ atRisk, not "
                    + ahead + " / " + onTrack + " / " + atRisk);
        }
    }

    /** The status of a direction-aware attainment to date; NO_DATA for null. */
    public PaceStatus statusOf(BigDecimal attainmentToDate) {
        if (attainmentToDate == null) {
            return PaceStatus.NO_DATA;
        }
        BigDecimal deviation = attainmentToDate.subtract(BigDecimal.ONE);
        if (deviation.compareTo(ahead) >= 0) {
            return PaceStatus.AHEAD;
        }
        if (deviation.compareTo(onTrack) >= 0) {
            return PaceStatus.ON_TRACK;
        }
        if (deviation.compareTo(atRisk) >= 0) {
            return PaceStatus.AT_RISK;
        }
        return PaceStatus.OFF_TRACK;
    }
}
