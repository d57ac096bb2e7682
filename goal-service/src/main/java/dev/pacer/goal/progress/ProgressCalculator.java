package dev.pacer.goal.progress;

import static dev.pacer.goal.progress.ProgressMath.divide;
import static dev.pacer.goal.progress.ProgressMath.report;

import dev.pacer.events.PaceStatus;
import dev.pacer.goal.tree.Aggregation;
import dev.pacer.goal.tree.Direction;
import dev.pacer.goal.tree.Quarter;
import dev.pacer.platform.calendar.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The progress arithmetic of goals. Plain Java, no state besides the tolerances.
 *
 * <h2>Time</h2>
 * The window runs from its start (inclusive) to its end (exclusive); the as-of date is the last day whose data
 * counts, so the elapsed days are {@code asOf − start + 1}, clamped to 0…window days. Every day counts, Feb 29 too.
 *
 * <h2>Actual to date</h2>
 * Values are keyed by the first day of their period (e.g. month). Only periods that start inside the window and no
 * later than the as-of date count; a missing key or a null value is "no data". TOTAL sums them, END_OF_WINDOW takes
 * the latest one, AVERAGE takes their mean (periods without data are left out of the mean). No value → NO_DATA.
 *
 * <h2>Expected to date</h2>
 * The plan gives the planned fraction {@code f} (0…1) of the window's movement done by the as-of date:
 * LINEAR {@code elapsed / days}; SEASONAL last year's cumulative monthly share (the current month pro rata of its
 * elapsed days). The expected value is {@code S + (target − S) × f}, where S is the start value (0 for TOTAL, the
 * baseline otherwise). QUARTERLY_MILESTONES interpolates within the current quarter between the previous quarter's
 * milestone (S for the window's first quarter) and the current one; its {@code f} is
 * {@code (expected − S) / (last milestone of the window − S)}, which shapes the challenge expectation.
 *
 * <h2>Forecast at the end of the window</h2>
 * {@code S + (actual − S) / f} — for LINEAR that is the run rate ({@code actual / elapsed × days} for TOTAL, the
 * baseline-to-actual trend extended to the end for END_OF_WINDOW); SEASONAL divides by last year's share to date.
 * The run-rate forecast always uses {@code f = elapsed / days}. An AVERAGE forecasts the average so far. No forecast
 * without data or before any of the plan has elapsed.
 *
 * <h2>Pace status</h2>
 * From the attainment to date against the base expectation via {@link PaceTolerances}. When that attainment is
 * undefined (e.g. nothing expected yet, or a lower-is-better actual of 0) the status compares actual with expected
 * direction-aware: better → AHEAD, equal → ON_TRACK, worse → OFF_TRACK.
 */
public final class ProgressCalculator {
    private final PaceTolerances tolerances;

    public ProgressCalculator() {
        this(PaceTolerances.DEFAULT);
    }

    public ProgressCalculator(PaceTolerances tolerances) {
        this.tolerances = Objects.requireNonNull(tolerances, "tolerances");
    }

    public PaceTolerances tolerances() {
        return tolerances;
    }

    /**
     * The progress of a goal with {@code terms}, given its actual values by period start, as of {@code asOf}.
     */
    public Progress compute(GoalTerms terms, Map<LocalDate, BigDecimal> actualsByPeriodStart, LocalDate asOf) {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(asOf, "asOf");
        ProgressWindow window = terms.window();
        long days = window.days();
        long elapsed = window.elapsedDays(asOf);

        TreeMap<LocalDate, BigDecimal> counted = new TreeMap<>();
        if (actualsByPeriodStart != null) {
            actualsByPeriodStart.forEach((start, value) -> {
                if (start != null && value != null && window.contains(start) && !start.isAfter(asOf)) {
                    counted.put(start, value);
                }
            });
        }
        BigDecimal actual = aggregate(terms.aggregation(), counted);

        BigDecimal s = terms.startValue();
        BigDecimal linear = divide(BigDecimal.valueOf(elapsed), BigDecimal.valueOf(days));
        BigDecimal expectedBaseRaw;
        BigDecimal fraction;
        if (terms.plan() instanceof ProgressPlan.QuarterlyMilestones milestones) {
            expectedBaseRaw = milestoneValue(window, milestones, s, asOf);
            BigDecimal last = milestones.of(window.to()).subtract(s);
            fraction = last.signum() == 0 ? linear : divide(expectedBaseRaw.subtract(s), last);
        } else {
            fraction = terms.plan() instanceof ProgressPlan.Seasonal seasonal
                    ? seasonalFraction(window, seasonal, asOf) : linear;
            expectedBaseRaw = along(s, terms.baseTarget(), fraction);
        }
        BigDecimal expectedBase = report(expectedBaseRaw);
        BigDecimal expectedChallenge = terms.challengeTarget() == null ? null
                : report(along(s, terms.challengeTarget(), fraction));

        Direction direction = terms.direction();
        BigDecimal reportedActual = report(actual);
        BigDecimal attainmentToDateBase = Attainment.of(direction, reportedActual, expectedBase);
        BigDecimal attainmentToDateChallenge = Attainment.of(direction, reportedActual, expectedChallenge);
        BigDecimal attainmentBase = Attainment.of(direction, reportedActual, terms.baseTarget());
        BigDecimal attainmentChallenge = Attainment.of(direction, reportedActual, terms.challengeTarget());

        PaceStatus status;
        if (actual == null) {
            status = PaceStatus.NO_DATA;
        } else if (attainmentToDateBase != null) {
            status = tolerances.statusOf(attainmentToDateBase);
        } else if (direction.isBeyond(reportedActual, expectedBase)) {
            status = PaceStatus.AHEAD;
        } else if (reportedActual.compareTo(expectedBase) == 0) {
            status = PaceStatus.ON_TRACK;
        } else {
            status = PaceStatus.OFF_TRACK;
        }

        BigDecimal forecast = forecast(terms.aggregation(), actual, s, fraction);
        BigDecimal runRate = forecast(terms.aggregation(), actual, s, linear);

        return new Progress(asOf, elapsed, days, counted.size(), reportedActual, expectedBase, expectedChallenge,
                attainmentToDateBase, attainmentToDateChallenge, attainmentBase, attainmentChallenge, status,
                report(forecast), report(runRate));
    }

    /**
     * The weighted roll-up of {@code children} to their parent. Only children with data (not NO_DATA, with an
     * attainment to date) count; their weights are normalised over them (Σ wᵢ·aᵢ / Σ wᵢ). When those weights sum to
     * 0 they count equally. The final attainments are rolled up the same way over the counted children that have
     * them. The parent's status comes from the rolled-up attainment to date; NO_DATA when no child counts.
     */
    public RollUp rollUp(List<Contribution> children) {
        Objects.requireNonNull(children, "children");
        List<Contribution> counted = children.stream().filter(Contribution::hasData).toList();
        if (counted.isEmpty()) {
            return new RollUp(null, null, null, PaceStatus.NO_DATA, 0, children.size());
        }
        boolean equal = counted.stream().allMatch(c -> c.weight().signum() == 0);
        BigDecimal toDate = report(weightedMean(counted, Contribution::attainmentToDate, equal));
        BigDecimal base = report(weightedMean(counted, Contribution::attainmentBase, equal));
        BigDecimal challenge = report(weightedMean(counted, Contribution::attainmentChallenge, equal));
        return new RollUp(toDate, base, challenge, tolerances.statusOf(toDate), counted.size(), children.size());
    }

    private static BigDecimal weightedMean(List<Contribution> children, Function<Contribution, BigDecimal> value,
            boolean equal) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Contribution c : children) {
            BigDecimal v = value.apply(c);
            if (v != null) {
                BigDecimal w = equal ? BigDecimal.ONE : c.weight();
                sum = sum.add(w.multiply(v));
                weights = weights.add(w);
            }
        }
        return weights.signum() == 0 ? null : divide(sum, weights);
    }

    private static BigDecimal aggregate(Aggregation aggregation, TreeMap<LocalDate, BigDecimal> values) {
        if (values.isEmpty()) {
            return null;
        }
        return switch (aggregation) {
            case TOTAL -> values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            case END_OF_WINDOW -> values.lastEntry().getValue();
            case AVERAGE -> divide(values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add),
                    BigDecimal.valueOf(values.size()));
        };
    }

    private static BigDecimal along(BigDecimal start, BigDecimal target, BigDecimal fraction) {
        return start.add(target.subtract(start).multiply(fraction, ProgressMath.MC));
    }

    private static BigDecimal forecast(Aggregation aggregation, BigDecimal actual, BigDecimal start,
            BigDecimal fraction) {
        if (actual == null) {
            return null;
        }
        if (aggregation == Aggregation.AVERAGE) {
            return actual;
        }
        if (fraction.signum() <= 0) {
            return null;
        }
        return start.add(divide(actual.subtract(start), fraction));
    }

    private static BigDecimal milestoneValue(ProgressWindow window, ProgressPlan.QuarterlyMilestones plan,
            BigDecimal start, LocalDate asOf) {
        BigDecimal previous = start;
        for (Quarter q : window.quarters()) {
            Period quarter = window.quarter(q);
            BigDecimal milestone = plan.of(q);
            long elapsed = ProgressWindow.elapsedDays(quarter.start(), quarter.end(), asOf);
            if (elapsed < quarter.days()) {
                return previous.add(milestone.subtract(previous)
                        .multiply(divide(BigDecimal.valueOf(elapsed), BigDecimal.valueOf(quarter.days())),
                                ProgressMath.MC));
            }
            previous = milestone;
        }
        return previous;
    }

    private static BigDecimal seasonalFraction(ProgressWindow window, ProgressPlan.Seasonal plan, LocalDate asOf) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal done = BigDecimal.ZERO;
        for (Period month : window.months()) {
            BigDecimal lastYear = plan.lastYearByMonth()
                    .getOrDefault(window.calendar().sameLastYear(month).start(), BigDecimal.ZERO);
            total = total.add(lastYear);
            long elapsed = ProgressWindow.elapsedDays(month.start(), month.end(), asOf);
            if (elapsed > 0) {
                done = done.add(lastYear.multiply(
                        divide(BigDecimal.valueOf(elapsed), BigDecimal.valueOf(month.days())), ProgressMath.MC));
            }
        }
        if (total.signum() <= 0) {
            return divide(BigDecimal.valueOf(window.elapsedDays(asOf)), BigDecimal.valueOf(window.days()));
        }
        return divide(done, total);
    }
}
