package dev.pacer.goal.scorecard;

import dev.pacer.goal.tree.Direction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A weighted scorecard (计分卡) of the goals a department or a person owns for a period: each goal scored by the
 * {@link ScoringRule}, the total the weighted mean of the scored goals. A goal without a result yet (no data) is
 * listed unscored and left out of the mean, and {@link #weightScored} against {@link #weightTotal} says how much of
 * the card the total covers, so a half-empty card is not mistaken for a good one.
 *
 * @param score        weighted mean of the scored lines (2 decimals, half up); null when none is scored
 * @param weightScored sum of the weights of the scored lines
 * @param weightTotal  sum of all weights
 */
public record Scorecard(List<Line> lines, BigDecimal score, BigDecimal weightScored, BigDecimal weightTotal) {
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);

    /** What a goal brings to a scorecard. {@code weight} must be positive; {@code actual} is null without data. */
    public record Entry(String goalId, String title, BigDecimal weight, Direction direction, BigDecimal actual,
            BigDecimal baseTarget, BigDecimal challengeTarget) {
        public Entry {
            Objects.requireNonNull(goalId, "goalId");
            Objects.requireNonNull(weight, "weight");
            Objects.requireNonNull(direction, "direction");
            if (weight.signum() <= 0) {
                throw new IllegalArgumentException("weight of goal " + goalId + " must be positive");
            }
        }
    }

    /** One scored (or unscored) goal of the card. */
    public record Line(Entry entry, BigDecimal score) {
        public boolean scored() {
            return score != null;
        }
    }

    public Scorecard {
        lines = List.copyOf(lines);
    }

    public static Scorecard of(List<Entry> entries, ScoringRule rule) {
        List<Line> lines = new ArrayList<>(entries.size());
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weightScored = BigDecimal.ZERO;
        BigDecimal weightTotal = BigDecimal.ZERO;
        for (Entry entry : entries) {
            BigDecimal score = rule.score(entry.direction(), entry.actual(), entry.baseTarget(), entry.challengeTarget());
            lines.add(new Line(entry, score));
            weightTotal = weightTotal.add(entry.weight());
            if (score != null) {
                weighted = weighted.add(score.multiply(entry.weight()));
                weightScored = weightScored.add(entry.weight());
            }
        }
        BigDecimal total = weightScored.signum() == 0 ? null
                : weighted.divide(weightScored, MC).setScale(ScoringRule.SCALE, RoundingMode.HALF_UP);
        return new Scorecard(lines, total, weightScored, weightTotal);
    }
}
