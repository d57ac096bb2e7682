package dev.pacer.goal.scorecard;

import static dev.pacer.goal.tree.Direction.HIGHER_IS_BETTER;
import static dev.pacer.goal.tree.Direction.LOWER_IS_BETTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ScoringRuleTest {
    private static final ScoringRule RULE = ScoringRule.DEFAULT;

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void reachingTheBaseScores100AndTheChallenge120WithLinearScoresBetween() {
        assertThat(RULE.score(HIGHER_IS_BETTER, d("1000"), d("1000"), d("1200"))).isEqualByComparingTo("100");
        assertThat(RULE.score(HIGHER_IS_BETTER, d("1100"), d("1000"), d("1200"))).isEqualByComparingTo("110");
        assertThat(RULE.score(HIGHER_IS_BETTER, d("1150"), d("1000"), d("1200"))).isEqualByComparingTo("115");
        assertThat(RULE.score(HIGHER_IS_BETTER, d("1200"), d("1000"), d("1200"))).isEqualByComparingTo("120");
    }

    @Test
    void belowTheBaseTheScoreIsTheAttainmentTimesTheBaseScore() {
        assertThat(RULE.score(HIGHER_IS_BETTER, d("800"), d("1000"), d("1200"))).isEqualByComparingTo("80");
        assertThat(RULE.score(HIGHER_IS_BETTER, d("0"), d("1000"), d("1200"))).isEqualByComparingTo("0");
        assertThat(RULE.score(HIGHER_IS_BETTER, d("333"), d("1000"), null)).isEqualTo(d("33.30"));
    }

    @Test
    void beyondTheChallengeTheScoreIsCapped() {
        assertThat(RULE.score(HIGHER_IS_BETTER, d("5000"), d("1000"), d("1200"))).isEqualByComparingTo("120");
        ScoringRule generous = new ScoringRule(d("100"), d("120"), d("150"), null);
        assertThat(generous.score(HIGHER_IS_BETTER, d("1300"), d("1000"), d("1200"))).isEqualByComparingTo("130");
        assertThat(generous.score(HIGHER_IS_BETTER, d("1210"), d("1000"), d("1200")))
                .as("just beyond the challenge: never less than reaching it").isEqualByComparingTo("121");
        assertThat(generous.score(HIGHER_IS_BETTER, d("9000"), d("1000"), d("1200"))).isEqualByComparingTo("150");
    }

    @Test
    void withoutAChallengeTargetTheBaseFormulaContinuesUpToTheCap() {
        assertThat(RULE.score(HIGHER_IS_BETTER, d("1100"), d("1000"), null)).isEqualByComparingTo("110");
        assertThat(RULE.score(HIGHER_IS_BETTER, d("1500"), d("1000"), null)).isEqualByComparingTo("120");
    }

    @Test
    void lowerIsBetterScoresTowardsTheLowerChallengeTarget() {
        // cost ratio: base 5 %, challenge 4 %
        assertThat(RULE.score(LOWER_IS_BETTER, d("0.05"), d("0.05"), d("0.04"))).isEqualByComparingTo("100");
        assertThat(RULE.score(LOWER_IS_BETTER, d("0.045"), d("0.05"), d("0.04"))).isEqualByComparingTo("110");
        assertThat(RULE.score(LOWER_IS_BETTER, d("0.04"), d("0.05"), d("0.04"))).isEqualByComparingTo("120");
        assertThat(RULE.score(LOWER_IS_BETTER, d("0.0625"), d("0.05"), d("0.04"))).isEqualByComparingTo("80");
        assertThat(RULE.score(LOWER_IS_BETTER, d("0"), d("0.05"), d("0.04"))).as("nothing spent").isEqualByComparingTo("120");
    }

    @Test
    void aFloorScoresNothingBelowIt() {
        ScoringRule strict = new ScoringRule(d("100"), d("120"), d("120"), d("0.6"));
        assertThat(strict.score(HIGHER_IS_BETTER, d("599"), d("1000"), null)).isEqualByComparingTo("0");
        assertThat(strict.score(HIGHER_IS_BETTER, d("600"), d("1000"), null)).isEqualByComparingTo("60");
    }

    @Test
    void noActualOrAnUndefinedAttainmentIsNotScored() {
        assertThat(RULE.score(HIGHER_IS_BETTER, null, d("1000"), null)).isNull();
        assertThat(RULE.score(HIGHER_IS_BETTER, d("-5"), d("0"), null)).isNull();
    }

    @Test
    void aChallengeTargetOnTheWrongSideOfTheBaseIsIgnored() {
        assertThat(RULE.score(HIGHER_IS_BETTER, d("1100"), d("1000"), d("900"))).isEqualByComparingTo("110");
    }

    @Test
    void inconsistentRulesAreRefused() {
        assertThatThrownBy(() -> new ScoringRule(d("0"), d("120"), d("120"), null)).hasMessageContaining("baseScore");
        assertThatThrownBy(() -> new ScoringRule(d("100"), d("90"), d("120"), null)).hasMessageContaining("challengeScore");
        assertThatThrownBy(() -> new ScoringRule(d("100"), d("120"), d("110"), null)).hasMessageContaining("cap");
        assertThatThrownBy(() -> new ScoringRule(d("100"), d("120"), d("120"), d("1"))).hasMessageContaining("floor");
    }
}
