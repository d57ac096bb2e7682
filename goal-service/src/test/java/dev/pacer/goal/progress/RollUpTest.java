package dev.pacer.goal.progress;

import static dev.pacer.goal.progress.Fixtures.JANUARY;
import static dev.pacer.goal.progress.Fixtures.d;
import static dev.pacer.goal.progress.Fixtures.date;
import static dev.pacer.goal.progress.Fixtures.fy;
import static dev.pacer.goal.progress.Fixtures.monthly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.events.PaceStatus;
import dev.pacer.goal.tree.Aggregation;
import dev.pacer.goal.tree.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollUpTest {
    private final ProgressCalculator calculator = new ProgressCalculator();

    private static Contribution child(String weight, PaceStatus status, String toDate, String base, String challenge) {
        return new Contribution(d(weight), status, toDate == null ? null : d(toDate), base == null ? null : d(base),
                challenge == null ? null : d(challenge));
    }

    @Test
    void aChildWithoutDataIsLeftOutAndTheOtherWeightsAreNormalised() {
        RollUp r = calculator.rollUp(List.of(
                child("60", PaceStatus.AHEAD, "1.10", "0.55", "0.45"),
                child("40", PaceStatus.AT_RISK, "0.80", "0.40", "0.35"),
                child("20", PaceStatus.NO_DATA, null, null, null)));
        // (60 × 1.10 + 40 × 0.80) / (60 + 40) = 0.98; counting the child without data as 0 would give 0.8167
        assertThat(r.attainmentToDate()).isEqualByComparingTo("0.98");
        assertThat(r.attainmentBase()).isEqualByComparingTo("0.49");         // (33 + 16) / 100
        assertThat(r.attainmentChallenge()).isEqualByComparingTo("0.41");    // (27 + 14) / 100
        assertThat(r.status()).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(r.childrenWithData()).isEqualTo(2);
        assertThat(r.children()).isEqualTo(3);
    }

    @Test
    void aParentWhoseChildrenHaveNoDataHasNoData() {
        RollUp r = calculator.rollUp(List.of(child("50", PaceStatus.NO_DATA, null, null, null)));
        assertThat(r.status()).isEqualTo(PaceStatus.NO_DATA);
        assertThat(r.attainmentToDate()).isNull();
        assertThat(calculator.rollUp(List.of()).status()).isEqualTo(PaceStatus.NO_DATA);
    }

    @Test
    void rollUpsNestUpToTheTopObjective() {
        RollUp level1 = calculator.rollUp(List.of(
                child("60", PaceStatus.AHEAD, "1.10", "0.55", "0.45"),
                child("40", PaceStatus.AT_RISK, "0.80", "0.40", "0.35")));   // 0.98
        RollUp top = calculator.rollUp(List.of(Contribution.of(d("50"), level1),
                child("50", PaceStatus.AHEAD, "1.20", "0.60", "0.50")));
        assertThat(top.attainmentToDate()).isEqualByComparingTo("1.09");    // (50 × 0.98 + 50 × 1.20) / 100
        assertThat(top.status()).isEqualTo(PaceStatus.AHEAD);
    }

    @Test
    void childrenWithoutWeightsCountEqually() {
        RollUp r = calculator.rollUp(List.of(child("0", PaceStatus.ON_TRACK, "1.00", "0.5", null),
                child("0", PaceStatus.OFF_TRACK, "0.70", "0.3", null)));
        assertThat(r.attainmentToDate()).isEqualByComparingTo("0.85");      // (1.00 + 0.70) / 2
        assertThat(r.attainmentChallenge()).isNull();
        assertThat(r.status()).isEqualTo(PaceStatus.AT_RISK);
        assertThatThrownBy(() -> child("-1", PaceStatus.ON_TRACK, "1", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void computedProgressOfGoalsRollsUpByWeight() {
        // new customers: attainment to date 1.048619, final 0.52 / 0.433333 (see ProgressCalculatorTest)
        Progress customers = calculator.compute(new GoalTerms(fy(JANUARY, 2026), Direction.HIGHER_IS_BETTER,
                Aggregation.TOTAL, null, d("1500"), d("1800"), ProgressPlan.LINEAR),
                monthly("2026-01", 780), date("2026-06-30"));
        // defect rate: 0.932144, final 0.697674 / 0.581395
        Progress defects = calculator.compute(new GoalTerms(fy(JANUARY, 2026), Direction.LOWER_IS_BETTER,
                Aggregation.END_OF_WINDOW, d("5"), d("3"), d("2.5"), ProgressPlan.LINEAR),
                monthly("2026-06", "4.3"), date("2026-06-30"));
        RollUp r = calculator.rollUp(List.of(Contribution.of(d("70"), customers), Contribution.of(d("30"), defects)));
        assertThat(r.attainmentToDate()).isEqualByComparingTo("1.013677");  // 0.7 × 1.048619 + 0.3 × 0.932144
        assertThat(r.attainmentBase()).isEqualByComparingTo("0.573302");    // 0.7 × 0.52 + 0.3 × 0.697674
        assertThat(r.attainmentChallenge()).isEqualByComparingTo("0.477752"); // 0.7 × 0.433333 + 0.3 × 0.581395
        assertThat(r.status()).isEqualTo(PaceStatus.ON_TRACK);
    }
}
