package dev.pacer.goal.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.goal.tree.Direction;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ScoreInputTest {
    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void aMeasuredGoalIsScoredByItsActualAgainstItsCurrentTargets() {
        Scorecard.Entry e = ScoreInput.entry("g", "新增客户数", d("60"), Direction.LOWER_IS_BETTER, d("5"), d("4"),
                new ScoreInput.Progress(true, d("4.5"), d("6"), d("4"), d("1.3"), null));

        assertThat(e.actual()).isEqualByComparingTo("4.5");
        assertThat(e.baseTarget()).isEqualByComparingTo("6"); // the current (adjusted) target, not the goal row's
        assertThat(e.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        // lower is better: 4.5 lies 3/4 of the way from 6 to 4
        assertThat(ScoringRule.DEFAULT.score(e.direction(), e.actual(), e.baseTarget(), e.challengeTarget()))
                .isEqualByComparingTo("115");
    }

    @Test
    void aGoalJudgedByItsSubGoalsIsScoredOnTheAttainmentScale() {
        // roll-up: 1.1 of the base target, 0.88 of a challenge target 1.25 × the base
        Scorecard.Entry e = ScoreInput.entry("g", "客户增长", d("40"), Direction.HIGHER_IS_BETTER, null, null,
                new ScoreInput.Progress(false, null, null, null, d("1.1"), d("0.88")));

        assertThat(e.actual()).isEqualByComparingTo("1.1");
        assertThat(e.baseTarget()).isEqualByComparingTo("1");
        assertThat(e.challengeTarget()).isEqualByComparingTo("1.25");
        assertThat(ScoringRule.DEFAULT.score(e.direction(), e.actual(), e.baseTarget(), e.challengeTarget()))
                .isEqualByComparingTo("108");
    }

    @Test
    void aRollUpWithoutAChallengeAttainmentHasNoChallengeTarget() {
        Scorecard.Entry e = ScoreInput.entry("g", "客户增长", d("40"), Direction.LOWER_IS_BETTER, null, null,
                new ScoreInput.Progress(false, null, null, null, d("0.9"), null));

        assertThat(e.direction()).isEqualTo(Direction.HIGHER_IS_BETTER); // attainments are higher-is-better
        assertThat(e.challengeTarget()).isNull();
        assertThat(ScoringRule.DEFAULT.score(e.direction(), e.actual(), e.baseTarget(), e.challengeTarget()))
                .isEqualByComparingTo("90");
    }

    @Test
    void aGoalWithoutProgressOrRollUpDataStaysUnscored() {
        Scorecard.Entry none = ScoreInput.entry("g", "t", d("10"), Direction.HIGHER_IS_BETTER, d("100"), null, null);
        Scorecard.Entry noData = ScoreInput.entry("g", "t", d("10"), Direction.HIGHER_IS_BETTER, null, null,
                new ScoreInput.Progress(false, null, null, null, null, null));

        Scorecard card = Scorecard.of(java.util.List.of(none, noData), ScoringRule.DEFAULT);
        assertThat(card.score()).isNull();
        assertThat(card.weightTotal()).isEqualByComparingTo("20");
        assertThat(card.weightScored()).isEqualByComparingTo("0");
    }
}
