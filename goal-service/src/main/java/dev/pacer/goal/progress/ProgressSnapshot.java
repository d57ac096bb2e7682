package dev.pacer.goal.progress;

import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A goal's progress as tracked: its own progress (when it has a measure and targets), the roll-up of its sub-goals
 * (when it has any), and the effective figures — its own when it is measured, else the roll-up — that count in its
 * parent's roll-up and in the published events.
 *
 * @param asOf            the last day whose data counted
 * @param own             null when the goal has no measure with a base target
 * @param rollUp          null when the goal has no tracked sub-goals
 * @param baseTarget      the goal's base target when this was computed
 * @param challengeTarget the goal's challenge target when this was computed
 */
public record ProgressSnapshot(LocalDate asOf, Progress own, RollUp rollUp, BigDecimal baseTarget,
        BigDecimal challengeTarget) {

    public ProgressSnapshot {
        Objects.requireNonNull(asOf, "asOf");
    }

    public boolean measured() {
        return own != null;
    }

    public boolean rolledUp() {
        return rollUp != null;
    }

    /** The pace status that counts: the goal's own, else its roll-up's, else NO_DATA. */
    public PaceStatus status() {
        return own != null ? own.status() : rollUp != null ? rollUp.status() : PaceStatus.NO_DATA;
    }

    public BigDecimal attainmentToDate() {
        return own != null ? own.attainmentToDateBase() : rollUp != null ? rollUp.attainmentToDate() : null;
    }

    public BigDecimal attainmentBase() {
        return own != null ? own.attainmentBase() : rollUp != null ? rollUp.attainmentBase() : null;
    }

    public BigDecimal attainmentChallenge() {
        return own != null ? own.attainmentChallenge() : rollUp != null ? rollUp.attainmentChallenge() : null;
    }

    /** The goal's part in its parent's roll-up. */
    public Contribution contribution(BigDecimal weight) {
        return new Contribution(weight, status(), attainmentToDate(), attainmentBase(), attainmentChallenge());
    }

    /**
     * True when both show the same figures (numbers compared by value, 1.50 = 1.5), whatever day they were computed
     * on: publishing again would tell nobody anything new.
     */
    public boolean sameFiguresAs(ProgressSnapshot other) {
        return other != null && figures().equals(other.figures());
    }

    private List<Object> figures() {
        Object[] ownFigures = own == null ? new Object[0] : new Object[] {own.elapsedDays(), own.windowDays(),
            own.periodsWithData(), n(own.actual()), n(own.expectedBase()), n(own.expectedChallenge()),
            n(own.attainmentToDateBase()), n(own.attainmentToDateChallenge()), n(own.attainmentBase()),
            n(own.attainmentChallenge()), own.status(), n(own.forecast()), n(own.runRateForecast())};
        Object[] rollUpFigures = rollUp == null ? new Object[0] : new Object[] {n(rollUp.attainmentToDate()),
            n(rollUp.attainmentBase()), n(rollUp.attainmentChallenge()), rollUp.status(), rollUp.childrenWithData(),
            rollUp.children()};
        return List.of(measured(), rolledUp(), Arrays.asList(ownFigures), Arrays.asList(rollUpFigures),
                Arrays.asList(n(baseTarget), n(challengeTarget)));
    }

    private static Object n(BigDecimal d) {
        return d == null ? "null" : d.stripTrailingZeros();
    }
}
