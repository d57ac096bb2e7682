package dev.pacer.goal.progress;

import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One child's part in its parent's roll-up: its weight in the parent (any non-negative scale, e.g. 0–100) and its
 * attainments. Built from a goal's own {@link Progress} or from a sub-tree's {@link RollUp}, so roll-ups nest.
 */
public record Contribution(
        BigDecimal weight,
        PaceStatus status,
        BigDecimal attainmentToDate,
        BigDecimal attainmentBase,
        BigDecimal attainmentChallenge) {

    public Contribution {
        weight = weight == null ? BigDecimal.ZERO : weight;
        if (weight.signum() < 0) {
            throw new IllegalArgumentException("a weight cannot be negative: " + weight);
        }
        Objects.requireNonNull(status, "status");
    }

    public static Contribution of(BigDecimal weight, Progress progress) {
        return new Contribution(weight, progress.status(), progress.attainmentToDateBase(),
                progress.attainmentBase(), progress.attainmentChallenge());
    }

    public static Contribution of(BigDecimal weight, RollUp rollUp) {
        return new Contribution(weight, rollUp.status(), rollUp.attainmentToDate(), rollUp.attainmentBase(),
                rollUp.attainmentChallenge());
    }

    /** True when the child counts in a roll-up: it has data and a defined attainment to date. */
    public boolean hasData() {
        return status != PaceStatus.NO_DATA && attainmentToDate != null;
    }
}
