package dev.pacer.goal.scorecard;

import static dev.pacer.goal.tree.Direction.HIGHER_IS_BETTER;
import static dev.pacer.goal.tree.Direction.LOWER_IS_BETTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorecardTest {
    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void theTotalIsTheWeightedMeanOfTheGoalScores() {
        Scorecard card = Scorecard.of(List.of(
                new Scorecard.Entry("new-customers", "新增客户数", d("0.6"), HIGHER_IS_BETTER, d("1100"), d("1000"), d("1200")),
                new Scorecard.Entry("repeat-rate", "老客户复购率", d("0.4"), HIGHER_IS_BETTER, d("0.24"), d("0.30"), d("0.35"))),
                ScoringRule.DEFAULT);
        assertThat(card.lines()).extracting(Scorecard.Line::score).containsExactly(d("110.00"), d("80.00"));
        assertThat(card.score()).isEqualTo(d("98.00")); // 0.6 × 110 + 0.4 × 80
        assertThat(card.weightScored()).isEqualByComparingTo("1.0");
        assertThat(card.weightTotal()).isEqualByComparingTo("1.0");
    }

    @Test
    void aGoalWithoutDataIsListedButLeftOutOfTheTotalAndTheCoverageSaysSo() {
        Scorecard card = Scorecard.of(List.of(
                new Scorecard.Entry("cost", "生产成本下降比例", d("2"), LOWER_IS_BETTER, d("0.045"), d("0.05"), d("0.04")),
                new Scorecard.Entry("output", "人均产出", d("1"), HIGHER_IS_BETTER, null, d("300"), null)),
                ScoringRule.DEFAULT);
        assertThat(card.lines()).extracting(Scorecard.Line::scored).containsExactly(true, false);
        assertThat(card.score()).isEqualTo(d("110.00"));
        assertThat(card.weightScored()).isEqualByComparingTo("2");
        assertThat(card.weightTotal()).isEqualByComparingTo("3");
    }

    @Test
    void anEmptyOrUnscoredCardHasNoTotal() {
        assertThat(Scorecard.of(List.of(), ScoringRule.DEFAULT).score()).isNull();
        assertThat(Scorecard.of(List.of(new Scorecard.Entry("g", "g", d("1"), HIGHER_IS_BETTER, null, d("1"), null)),
                ScoringRule.DEFAULT).score()).isNull();
    }

    @Test
    void weightsMustBePositive() {
        assertThatThrownBy(() -> new Scorecard.Entry("g", "g", d("0"), HIGHER_IS_BETTER, d("1"), d("1"), null))
                .hasMessageContaining("weight");
    }
}
