package dev.pacer.alert.rule;

import static dev.pacer.alert.rule.Inputs.T0;
import static dev.pacer.alert.rule.Inputs.UNUSED_CLOCK;
import static dev.pacer.alert.rule.Inputs.goal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.alert.rule.ConditionState.PaceStreak;
import dev.pacer.events.Grain;
import dev.pacer.events.PaceStatus;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoalPaceTest {

    /** Feeds the statuses one hour apart, carrying the state, and returns the last verdict. */
    private static Breach run(GoalPace rule, PaceStatus... statuses) {
        ConditionState state = ConditionState.NONE;
        Breach last = null;
        for (int i = 0; i < statuses.length; i++) {
            last = rule.evaluate(goal(statuses[i], T0.plusHours(i)), state, UNUSED_CLOCK);
            state = last.next();
        }
        return last;
    }

    @Test
    void breachesOnlyOnTheNthConsecutiveWorseEvaluation() {
        GoalPace rule = GoalPace.worseThan(PaceStatus.ON_TRACK, 3);
        assertThat(run(rule, PaceStatus.AT_RISK).breached()).isFalse();
        assertThat(run(rule, PaceStatus.AT_RISK, PaceStatus.OFF_TRACK).breached()).isFalse();
        Breach third = run(rule, PaceStatus.AT_RISK, PaceStatus.OFF_TRACK, PaceStatus.AT_RISK);
        assertThat(third.breached()).isTrue();
        assertThat(third.value()).isEqualByComparingTo("3");
        assertThat(third.expectation()).isEqualByComparingTo("3");
        assertThat(third.next()).isEqualTo(new PaceStreak(3, T0, T0.plusHours(2)));
        assertThat(third.reason()).contains("AT_RISK is worse than ON_TRACK").contains("3 of 3");
    }

    @Test
    void aGoodEvaluationBreaksTheRun() {
        GoalPace rule = GoalPace.worseThan(PaceStatus.ON_TRACK, 2);
        Breach b = run(rule, PaceStatus.AT_RISK, PaceStatus.ON_TRACK, PaceStatus.AT_RISK);
        assertThat(b.breached()).isFalse();
        assertThat(((PaceStreak) b.next()).consecutive()).isEqualTo(1);
        assertThat(run(rule, PaceStatus.AT_RISK, PaceStatus.AT_RISK, PaceStatus.AHEAD).breached()).isFalse();
    }

    @Test
    void paceIsOrderedOffTrackAtRiskOnTrackAhead() {
        GoalPace worseThanAtRisk = GoalPace.worseThan(PaceStatus.AT_RISK, 1);
        assertThat(run(worseThanAtRisk, PaceStatus.OFF_TRACK).breached()).isTrue();
        assertThat(run(worseThanAtRisk, PaceStatus.AT_RISK).breached()).isFalse();
        assertThat(run(worseThanAtRisk, PaceStatus.ON_TRACK).breached()).isFalse();
        assertThat(run(worseThanAtRisk, PaceStatus.AHEAD).breached()).isFalse();
        GoalPace worseThanAhead = GoalPace.worseThan(PaceStatus.AHEAD, 1);
        assertThat(run(worseThanAhead, PaceStatus.ON_TRACK).breached()).isTrue();
        assertThat(run(worseThanAhead, PaceStatus.AHEAD).breached()).isFalse();
        assertThat(GoalPace.rank(PaceStatus.OFF_TRACK)).isLessThan(GoalPace.rank(PaceStatus.AT_RISK));
        assertThat(GoalPace.rank(PaceStatus.AT_RISK)).isLessThan(GoalPace.rank(PaceStatus.ON_TRACK));
        assertThat(GoalPace.rank(PaceStatus.ON_TRACK)).isLessThan(GoalPace.rank(PaceStatus.AHEAD));
        assertThatThrownBy(() -> GoalPace.rank(PaceStatus.NO_DATA)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noDataHoldsTheRunByDefault() {
        GoalPace rule = GoalPace.worseThan(PaceStatus.ON_TRACK, 2);
        Breach held = run(rule, PaceStatus.AT_RISK, PaceStatus.AT_RISK, PaceStatus.NO_DATA);
        assertThat(held.breached()).isTrue();
        assertThat(held.reason()).contains("NO_DATA");
        assertThat(((PaceStreak) held.next()).consecutive()).isEqualTo(2);
        GoalPace three = GoalPace.worseThan(PaceStatus.ON_TRACK, 3);
        assertThat(run(three, PaceStatus.AT_RISK, PaceStatus.NO_DATA, PaceStatus.AT_RISK).breached()).isFalse();
        assertThat(run(three, PaceStatus.AT_RISK, PaceStatus.NO_DATA, PaceStatus.AT_RISK, PaceStatus.AT_RISK)
                .breached()).isTrue();
    }

    @Test
    void noDataCanCountAsWorseOrResetTheRun() {
        GoalPace worse = new GoalPace(PaceStatus.ON_TRACK, 2, Duration.ZERO, GoalPace.NoData.COUNTS_AS_WORSE);
        assertThat(run(worse, PaceStatus.NO_DATA, PaceStatus.NO_DATA).breached()).isTrue();
        GoalPace resets = new GoalPace(PaceStatus.ON_TRACK, 2, Duration.ZERO, GoalPace.NoData.RESETS);
        Breach b = run(resets, PaceStatus.AT_RISK, PaceStatus.AT_RISK, PaceStatus.NO_DATA);
        assertThat(b.breached()).isFalse();
        assertThat(((PaceStreak) b.next()).consecutive()).isZero();
    }

    @Test
    void aDuplicateOrLateProgressEventDoesNotAdvanceTheRun() {
        GoalPace rule = GoalPace.worseThan(PaceStatus.ON_TRACK, 2);
        Breach first = rule.evaluate(goal(PaceStatus.AT_RISK, T0), ConditionState.NONE, UNUSED_CLOCK);
        Breach again = rule.evaluate(goal(PaceStatus.AT_RISK, T0), first.next(), UNUSED_CLOCK);
        assertThat(again.breached()).isFalse();
        assertThat(again.next()).isEqualTo(first.next());
        Breach late = rule.evaluate(goal(PaceStatus.AT_RISK, T0.minusMinutes(1)), first.next(), UNUSED_CLOCK);
        assertThat(late.breached()).isFalse();
        assertThat(rule.evaluate(goal(PaceStatus.AT_RISK, T0.plusSeconds(1)), again.next(), UNUSED_CLOCK).breached())
                .isTrue();
    }

    @Test
    void canRequireTheRunToLastADuration() {
        GoalPace rule = new GoalPace(PaceStatus.ON_TRACK, 1, Duration.ofHours(2), GoalPace.NoData.HOLD);
        assertThat(run(rule, PaceStatus.OFF_TRACK, PaceStatus.OFF_TRACK).breached()).isFalse(); // 1 h
        assertThat(run(rule, PaceStatus.OFF_TRACK, PaceStatus.OFF_TRACK, PaceStatus.OFF_TRACK).breached()).isTrue();
    }

    @Test
    void rejectsThresholdsNothingCanBeWorseThan() {
        assertThatThrownBy(() -> GoalPace.worseThan(PaceStatus.OFF_TRACK, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoalPace.worseThan(PaceStatus.NO_DATA, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoalPace.worseThan(PaceStatus.ON_TRACK, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesNotJudgeMetricValues() {
        Breach b = GoalPace.worseThan(PaceStatus.ON_TRACK, 1).evaluate(new RuleInput.MetricValue(
                Inputs.value(Grain.MONTH, LocalDate.of(2026, 5, 1), Map.of(), "1")), UNUSED_CLOCK);
        assertThat(b.outcome()).isEqualTo(Breach.Outcome.NOT_APPLICABLE);
    }
}
