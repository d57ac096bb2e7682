package dev.pacer.goal.scorecard;

import dev.pacer.goal.progress.Attainment;
import dev.pacer.goal.tree.Direction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How a goal's result becomes a score (绩效得分), the same for every scorecard:
 * <ul>
 *   <li>below the base target: {@code baseScore × attainment against the base target} (80 % of base → 80 with the
 *       defaults), and 0 below {@code floorAttainment} (e.g. 0.6: under 60 % of base scores nothing);</li>
 *   <li>from the base to the challenge target: linear from {@code baseScore} to {@code challengeScore} by where the
 *       actual lies between the two targets (in either direction: for a lower-is-better goal the challenge target is
 *       the lower one);</li>
 *   <li>beyond the challenge target, or beyond the base target of a goal without a challenge target: the base
 *       formula continues, and the score is capped at {@code cap}.</li>
 * </ul>
 * Scores carry 2 decimals, rounded half up. Defaults: base reached = 100, challenge reached = 120, cap 120, no floor.
 */
public record ScoringRule(BigDecimal baseScore, BigDecimal challengeScore, BigDecimal cap, BigDecimal floorAttainment) {
    public static final ScoringRule DEFAULT = new ScoringRule(new BigDecimal("100"), new BigDecimal("120"),
            new BigDecimal("120"), BigDecimal.ZERO);
    static final int SCALE = 2;
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);

    public ScoringRule {
        Objects.requireNonNull(baseScore, "baseScore");
        Objects.requireNonNull(challengeScore, "challengeScore");
        Objects.requireNonNull(cap, "cap");
        floorAttainment = floorAttainment == null ? BigDecimal.ZERO : floorAttainment;
        if (baseScore.signum() <= 0) {
            throw new IllegalArgumentException("baseScore must be positive");
        }
        if (challengeScore.compareTo(baseScore) < 0) {
            throw new IllegalArgumentException("challengeScore must not be below baseScore");
        }
        if (cap.compareTo(challengeScore) < 0) {
            throw new IllegalArgumentException("cap must not be below challengeScore");
        }
        if (floorAttainment.signum() < 0 || floorAttainment.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("floorAttainment must be at least 0 and below 1");
        }
    }

    /**
     * The score of a result, or null when it cannot be scored: no actual, or an attainment that is undefined while
     * the base target is not reached (e.g. a base target of 0 or below).
     *
     * @param challengeTarget optional; ignored unless it lies beyond the base target in the goal's direction
     */
    public BigDecimal score(Direction direction, BigDecimal actual, BigDecimal baseTarget, BigDecimal challengeTarget) {
        if (actual == null || baseTarget == null) {
            return null;
        }
        boolean hasChallenge = challengeTarget != null && direction.isBeyond(challengeTarget, baseTarget);
        boolean reachedBase = !direction.isBeyond(baseTarget, actual);
        if (hasChallenge && reachedBase && !direction.isBeyond(actual, challengeTarget)) {
            BigDecimal position = actual.subtract(baseTarget).divide(challengeTarget.subtract(baseTarget), MC);
            return rounded(baseScore.add(challengeScore.subtract(baseScore).multiply(position, MC)));
        }
        BigDecimal byBase = byAttainment(direction, actual, baseTarget);
        if (byBase == null) {
            // undefined ratio: a lower-is-better actual of 0, or a base target of 0 that is reached — the best there is
            return reachedBase ? rounded(cap) : null;
        }
        if (hasChallenge && reachedBase) {
            byBase = byBase.max(challengeScore); // beyond the challenge target never scores less than reaching it
        }
        return rounded(byBase.min(cap));
    }

    private BigDecimal byAttainment(Direction direction, BigDecimal actual, BigDecimal baseTarget) {
        BigDecimal attainment = Attainment.of(direction, actual, baseTarget);
        if (attainment == null) {
            return null;
        }
        if (attainment.compareTo(floorAttainment) < 0) {
            return BigDecimal.ZERO;
        }
        return baseScore.multiply(attainment, MC);
    }

    private static BigDecimal rounded(BigDecimal score) {
        return score.max(BigDecimal.ZERO).setScale(SCALE, RoundingMode.HALF_UP);
    }
}
