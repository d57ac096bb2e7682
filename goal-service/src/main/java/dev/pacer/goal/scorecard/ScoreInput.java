package dev.pacer.goal.scorecard;

import dev.pacer.goal.tree.Direction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * What a goal's current progress brings to a scorecard, plain Java. A goal measured by its own metric is scored by
 * its actual against its current base and challenge targets, in its direction. A goal judged by its sub-goals has no
 * actual of its own: it is scored on the attainment scale — its roll-up attainment against the base target as the
 * actual, 1 as the base target, and (when the roll-up also has an attainment against the challenge) the challenge
 * target expressed in base units ({@code attainmentBase / attainmentChallenge}), higher is better. A goal without
 * progress (no data yet) enters with no actual and stays unscored.
 */
public final class ScoreInput {
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);

    private ScoreInput() {
    }

    /** The figures of a goal's progress the scorecard reads. {@code measured}: the goal has its own measure. */
    public record Progress(boolean measured, BigDecimal actual, BigDecimal baseTarget, BigDecimal challengeTarget,
            BigDecimal attainmentBase, BigDecimal attainmentChallenge) {
    }

    /**
     * @param progress the goal's current progress, or null while it has none
     */
    public static Scorecard.Entry entry(String goalId, String title, BigDecimal weight, Direction direction,
            BigDecimal baseTarget, BigDecimal challengeTarget, Progress progress) {
        if (progress == null) {
            return new Scorecard.Entry(goalId, title, weight, direction, null, baseTarget, challengeTarget);
        }
        if (progress.measured()) {
            return new Scorecard.Entry(goalId, title, weight, direction, progress.actual(), progress.baseTarget(),
                    progress.challengeTarget());
        }
        BigDecimal base = progress.attainmentBase();
        BigDecimal challenge = progress.attainmentChallenge();
        BigDecimal challengeInBase = base == null || challenge == null || challenge.signum() <= 0 ? null
                : base.divide(challenge, MC);
        return new Scorecard.Entry(goalId, title, weight, Direction.HIGHER_IS_BETTER, base, BigDecimal.ONE,
                challengeInBase);
    }
}
