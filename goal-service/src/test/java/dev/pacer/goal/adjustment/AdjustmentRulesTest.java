package dev.pacer.goal.adjustment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.goal.tree.Direction;
import dev.pacer.platform.problem.Problem.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AdjustmentRulesTest {
    private static final LocalDate START = LocalDate.of(2026, 4, 1);
    private static final LocalDate END = LocalDate.of(2027, 1, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 7, 15);

    private static AdjustmentRequest request(String base, String challenge, LocalDate effective) {
        return new AdjustmentRequest(new BigDecimal(base), challenge == null ? null : new BigDecimal(challenge),
                "reason", effective);
    }

    @Test
    void aChallengeTargetLiesBeyondTheBaseTargetInTheGoalsDirection() {
        assertThat(AdjustmentRules.violations(request("100", "120", TODAY), Direction.HIGHER_IS_BETTER, START, END,
                TODAY)).isEmpty();
        assertThat(AdjustmentRules.violations(request("100", "120", TODAY), Direction.LOWER_IS_BETTER, START, END,
                TODAY)).extracting(FieldError::field).containsExactly("challengeTarget");
        assertThat(AdjustmentRules.violations(request("5", "3", TODAY), Direction.LOWER_IS_BETTER, START, END, TODAY))
                .isEmpty();
    }

    @Test
    void theEffectiveDateLiesInTheWindowAndNotAfterToday() {
        assertThat(AdjustmentRules.violations(request("1", null, START), Direction.HIGHER_IS_BETTER, START, END,
                TODAY)).isEmpty();
        assertThat(AdjustmentRules.violations(request("1", null, START.minusDays(1)), Direction.HIGHER_IS_BETTER,
                START, END, TODAY)).extracting(FieldError::message).containsExactly("must lie in the goal's window, "
                        + "2026-04-01 to 2026-12-31");
        assertThat(AdjustmentRules.violations(request("1", null, TODAY.plusDays(1)), Direction.HIGHER_IS_BETTER,
                START, END, TODAY)).extracting(FieldError::field).containsExactly("effectiveDate");
    }
}
