package dev.pacer.goal.smart;

import dev.pacer.goal.catalog.CatalogMetric;
import dev.pacer.goal.smart.SmartReport.LetterVerdict;
import dev.pacer.goal.tree.Aggregation;
import dev.pacer.goal.tree.Direction;
import dev.pacer.goal.tree.Goal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The SMART check of one goal, plain Java. Each letter is PASS, WARN (allowed) or FAIL (blocks activation):
 * <ul>
 *   <li><b>Specific</b>: the goal is described, and bound to a metric — or broken into sub-goals that are.</li>
 *   <li><b>Measurable</b>: its metric is in the catalogue, certified, with a unit and a source; the filter only uses
 *       the metric's dimensions; it has a base target. A goal without a measure is measured by its sub-goals.</li>
 *   <li><b>Achievable</b>: the base target's improvement over the baseline (or, without one, over last year's
 *       value), in the goal's direction, against the best year-on-year improvement of the metric over the same window
 *       in past years: WARN beyond that best × the growth factor, or when history shows no improvement at all.</li>
 *   <li><b>Relevant</b>: a sub-goal is linked to its parent objective; an annual objective is the top of its tree.</li>
 *   <li><b>Time-bound</b>: the window lies inside the period (the tree enforces it). A window that has already ended
 *       only warns: such a goal is tracked retrospectively (last year's goals set up for a review or a scorecard, or
 *       to compare with), and its deadline is as definite as any.</li>
 * </ul>
 */
public final class SmartCheck {
    private static final MathContext MC = new MathContext(12, RoundingMode.HALF_EVEN);

    /**
     * What the check looks at besides the goal.
     *
     * @param metric       the goal's metric from the catalogue; null when the goal has no measure or it is unknown
     * @param subGoals     number of sub-goals
     * @param parentTitle  the parent objective's title; null for an annual objective
     * @param pastYears    the measure's value over the goal's window in past years, oldest first (years without
     *                     data left out)
     * @param windowStart  first day of the window
     * @param windowEnd    day after the window's last day
     * @param today        the current business date
     * @param growthFactor how far beyond the best historical improvement a target may go before it warns
     */
    public record Context(CatalogMetric metric, long subGoals, String parentTitle, List<BigDecimal> pastYears,
            LocalDate windowStart, LocalDate windowEnd, LocalDate today, BigDecimal growthFactor) {
        public Context {
            pastYears = List.copyOf(pastYears);
            Objects.requireNonNull(growthFactor, "growthFactor");
        }
    }

    private SmartCheck() {
    }

    public static SmartReport check(Goal goal, Context c) {
        List<LetterVerdict> letters = List.of(specific(goal, c), measurable(goal, c), achievable(goal, c),
                relevant(goal, c), timeBound(goal, c));
        return new SmartReport(goal.id(), letters.stream().noneMatch(l -> l.verdict() == Verdict.FAIL), letters);
    }

    static LetterVerdict specific(Goal goal, Context c) {
        List<String> fails = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        if (goal.description() == null || goal.description().isBlank()) {
            fails.add("has no description of what is to be achieved and how");
        } else {
            passes.add("is described");
        }
        if (goal.measure() != null) {
            passes.add("is bound to metric " + goal.measure().metricKey()
                    + (goal.measure().filter().isEmpty() ? "" : " " + goal.measure().filter()));
        } else if (c.subGoals() > 0) {
            passes.add("has no metric of its own; it is judged by its " + c.subGoals() + " sub-goal"
                    + (c.subGoals() == 1 ? "" : "s"));
        } else {
            fails.add("is bound to no metric and has no sub-goals: set a measure or break it down");
        }
        return verdict(Letter.SPECIFIC, fails, List.of(), passes);
    }

    static LetterVerdict measurable(Goal goal, Context c) {
        List<String> fails = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        if (goal.measure() == null) {
            if (c.subGoals() > 0) {
                passes.add("measured through its sub-goals");
            } else {
                fails.add("has no measure");
            }
            return verdict(Letter.MEASURABLE, fails, List.of(), passes);
        }
        String key = goal.measure().metricKey();
        CatalogMetric m = c.metric();
        if (m == null) {
            fails.add("metric " + key + " is not in the metric catalogue");
        } else {
            if (!m.certified()) {
                fails.add("metric " + key + " is " + (m.status() == null ? "not certified" : m.status())
                        + ", not CERTIFIED");
            } else {
                passes.add("metric " + key + " is certified (version " + m.version() + ")");
            }
            if (m.unit() == null) {
                fails.add("metric " + key + " has no unit");
            } else {
                passes.add("unit " + m.unit());
            }
            if (m.source() == null) {
                fails.add("metric " + key + " names no source of its values");
            } else {
                passes.add("source: " + m.source());
            }
            goal.measure().filter().keySet().stream().filter(d -> !m.dimensions().contains(d)).sorted()
                    .forEach(d -> fails.add("the filter uses '" + d + "', which is not a dimension of metric " + key
                            + " " + m.dimensions()));
        }
        if (goal.baseTarget() == null) {
            fails.add("has no base target");
        }
        return verdict(Letter.MEASURABLE, fails, List.of(), passes);
    }

    static LetterVerdict achievable(Goal goal, Context c) {
        if (goal.measure() == null) {
            return verdict(Letter.ACHIEVABLE, List.of(), List.of(), List.of("judged by its sub-goals' targets"));
        }
        if (goal.baseTarget() == null) {
            return verdict(Letter.ACHIEVABLE, List.of("has no base target to judge"), List.of(), List.of());
        }
        if (goal.measure().aggregation() != Aggregation.TOTAL && goal.baseline() == null) {
            return verdict(Letter.ACHIEVABLE, List.of("needs a baseline: an " + goal.measure().aggregation()
                    + " measure moves from its baseline to its target"), List.of(), List.of());
        }
        Direction direction = goal.direction() == null ? Direction.HIGHER_IS_BETTER : goal.direction();
        List<BigDecimal> years = c.pastYears();
        BigDecimal reference = goal.baseline() != null ? goal.baseline()
                : years.isEmpty() ? null : years.get(years.size() - 1);
        if (reference == null || reference.signum() == 0) {
            return verdict(Letter.ACHIEVABLE, List.of(), List.of(), List.of("no baseline or past value to compare "
                    + "the target " + plain(goal.baseTarget()) + " with"));
        }
        BigDecimal required = improvement(direction, reference, goal.baseTarget());
        String target = "the base target " + plain(goal.baseTarget()) + " is " + percent(required) + " "
                + (direction == Direction.HIGHER_IS_BETTER ? "above" : "below") + " "
                + (goal.baseline() != null ? "the baseline " : "last year's ") + plain(reference);
        if (years.size() < 2) {
            return verdict(Letter.ACHIEVABLE, List.of(), List.of(), List.of(target, "too little history to compare "
                    + "with (" + years.size() + " past year" + (years.size() == 1 ? "" : "s") + " of data)"));
        }
        BigDecimal best = null;
        for (int i = 1; i < years.size(); i++) {
            if (years.get(i - 1).signum() != 0) {
                BigDecimal g = improvement(direction, years.get(i - 1), years.get(i));
                best = best == null || g.compareTo(best) > 0 ? g : best;
            }
        }
        if (best == null) {
            return verdict(Letter.ACHIEVABLE, List.of(), List.of(), List.of(target));
        }
        String history = "the best year-on-year improvement over the last " + years.size() + " years was "
                + percent(best);
        if (required.signum() > 0 && best.signum() <= 0) {
            return verdict(Letter.ACHIEVABLE, List.of(), List.of(target, history + ": no year improved"), List.of());
        }
        BigDecimal limit = best.multiply(c.growthFactor(), MC);
        if (required.compareTo(limit) > 0) {
            return verdict(Letter.ACHIEVABLE, List.of(), List.of(target, history + "; the target asks for more "
                    + "than " + plain(c.growthFactor()) + " × that"), List.of());
        }
        return verdict(Letter.ACHIEVABLE, List.of(), List.of(), List.of(target, history));
    }

    static LetterVerdict relevant(Goal goal, Context c) {
        if (goal.parentId() != null) {
            return verdict(Letter.RELEVANT, List.of(), List.of(), List.of("breaks down the objective '"
                    + c.parentTitle() + "' with weight " + plain(goal.weight())));
        }
        return verdict(Letter.RELEVANT, List.of(), List.of(), List.of("is an annual objective, the top of its tree"));
    }

    static LetterVerdict timeBound(Goal goal, Context c) {
        String window = goal.period() + " " + goal.window().label() + ": " + c.windowStart() + " to "
                + c.windowEnd().minusDays(1);
        if (!c.today().isBefore(c.windowEnd())) {
            return verdict(Letter.TIME_BOUND, List.of(), List.of("its window " + window + " has already ended: "
                    + "the goal is tracked retrospectively"), List.of());
        }
        return verdict(Letter.TIME_BOUND, List.of(), List.of(), List.of("measured in " + window));
    }

    /** How much {@code to} improves on {@code from} in the direction, as a fraction of |from|. */
    private static BigDecimal improvement(Direction direction, BigDecimal from, BigDecimal to) {
        BigDecimal change = direction == Direction.HIGHER_IS_BETTER ? to.subtract(from) : from.subtract(to);
        return change.divide(from.abs(), MC);
    }

    private static LetterVerdict verdict(Letter letter, List<String> fails, List<String> warns, List<String> passes) {
        Verdict v = !fails.isEmpty() ? Verdict.FAIL : !warns.isEmpty() ? Verdict.WARN : Verdict.PASS;
        List<String> reasons = new ArrayList<>(fails);
        reasons.addAll(warns);
        if (v == Verdict.PASS) {
            reasons.addAll(passes);
        }
        return new LetterVerdict(letter, v, List.copyOf(reasons));
    }

    private static String percent(BigDecimal fraction) {
        return plain(fraction.movePointRight(2).setScale(1, RoundingMode.HALF_UP)) + " %";
    }

    private static String plain(BigDecimal d) {
        return d == null ? "?" : d.stripTrailingZeros().toPlainString();
    }
}
