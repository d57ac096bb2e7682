package dev.pacer.goal.progress;

import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A goal's progress as of a date. Values are rounded per {@link ProgressMath}; attainments are ratios
 * (1 = 100 %) computed per {@link Attainment}.
 *
 * @param asOf                      last day whose data counts
 * @param elapsedDays               days of the window up to and including {@code asOf} (0 before, all after it)
 * @param windowDays                days in the window
 * @param periodsWithData           periods inside the window, up to {@code asOf}, that have a value
 * @param actual                    the window's aggregate of those values; null when there are none (NO_DATA)
 * @param expectedBase              expected value to date under the plan, towards the base target
 * @param expectedChallenge         the same towards the challenge target; null without a challenge target
 * @param attainmentToDateBase      actual against {@code expectedBase}; drives {@code status}
 * @param attainmentToDateChallenge actual against {@code expectedChallenge}
 * @param attainmentBase            actual against the base target (final attainment)
 * @param attainmentChallenge       actual against the challenge target
 * @param status                    pace status from {@code attainmentToDateBase} and the tolerances
 * @param forecast                  value expected at the end of the window if the pace so far continues along the
 *                                  plan's shape (run-rate for LINEAR, last year's share for SEASONAL, the milestone
 *                                  curve for QUARTERLY_MILESTONES; for AVERAGE the average so far)
 * @param runRateForecast           the same, extrapolated evenly over the days of the window whatever the plan
 */
public record Progress(
        LocalDate asOf,
        long elapsedDays,
        long windowDays,
        int periodsWithData,
        BigDecimal actual,
        BigDecimal expectedBase,
        BigDecimal expectedChallenge,
        BigDecimal attainmentToDateBase,
        BigDecimal attainmentToDateChallenge,
        BigDecimal attainmentBase,
        BigDecimal attainmentChallenge,
        PaceStatus status,
        BigDecimal forecast,
        BigDecimal runRateForecast) {

    /** True when at least one period of the window had a value by the as-of date. */
    public boolean hasData() {
        return actual != null;
    }

    /** True when the whole window has elapsed. */
    public boolean windowComplete() {
        return elapsedDays == windowDays;
    }
}
