package dev.pacer.alert.rule;

import java.time.Clock;

/**
 * What a rule watches for. Each kind is a small immutable definition that judges one {@link RuleInput} and returns a
 * {@link Breach} verdict with its evidence. Kinds never read the wall clock: the only notion of "now" is the
 * {@link Clock} passed in (used by {@link Staleness}). A kind that does not judge the given input (a goal rule shown a
 * metric value, a rule for another grain or slice) answers {@link Breach.Outcome#NOT_APPLICABLE}, which must not move
 * an alert in either direction.
 */
public sealed interface RuleCondition
        permits GoalPace, ForecastMiss, MetricThreshold, PeriodChange, Anomaly, Staleness {

    /**
     * Judges {@code input}.
     *
     * @param state the per-subject state this condition returned last time for the same subject
     *              ({@link ConditionState#NONE} the first time, and always for stateless kinds)
     * @param clock the source of "now"
     * @return the verdict, whose {@link Breach#next()} is the state to pass in next time
     */
    Breach evaluate(RuleInput input, ConditionState state, Clock clock);

    /** {@link #evaluate(RuleInput, ConditionState, Clock)} with no carried state. */
    default Breach evaluate(RuleInput input, Clock clock) {
        return evaluate(input, ConditionState.NONE, clock);
    }

    /** A short machine name of the kind, e.g. {@code goal_pace}, for labels and evidence. */
    String kind();
}
