package dev.pacer.alert.rule;

import static dev.pacer.alert.rule.Inputs.T0;
import static dev.pacer.alert.rule.Inputs.UNUSED_CLOCK;
import static dev.pacer.alert.rule.Inputs.goal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.events.PaceStatus;
import org.junit.jupiter.api.Test;

class ForecastMissTest {
    private final ForecastMiss higher = new ForecastMiss(Polarity.HIGHER_IS_BETTER);
    private final ForecastMiss lower = new ForecastMiss(Polarity.LOWER_IS_BETTER);

    @Test
    void aForecastBelowTheBaseTargetMissesWhenHigherIsBetter() {
        Breach b = higher.evaluate(goal(PaceStatus.ON_TRACK, T0, "950", "1000"), UNUSED_CLOCK);
        assertThat(b.breached()).isTrue();
        assertThat(b.value()).isEqualByComparingTo("950");
        assertThat(b.expectation()).isEqualByComparingTo("1000");
        assertThat(b.reason()).contains("forecast 950 misses base target 1000");
        assertThat(higher.evaluate(goal(PaceStatus.ON_TRACK, T0, "1000", "1000"), UNUSED_CLOCK).breached()).isFalse();
        assertThat(higher.evaluate(goal(PaceStatus.ON_TRACK, T0, "1050", "1000"), UNUSED_CLOCK).breached()).isFalse();
    }

    @Test
    void aForecastAboveTheBaseTargetMissesWhenLowerIsBetter() {
        assertThat(lower.evaluate(goal(PaceStatus.ON_TRACK, T0, "1050", "1000"), UNUSED_CLOCK).breached()).isTrue();
        assertThat(lower.evaluate(goal(PaceStatus.ON_TRACK, T0, "950", "1000"), UNUSED_CLOCK).breached()).isFalse();
    }

    @Test
    void withoutAForecastTheRuleDoesNotApply() {
        assertThat(higher.evaluate(goal(PaceStatus.NO_DATA, T0, null, "1000"), UNUSED_CLOCK).outcome())
                .isEqualTo(Breach.Outcome.NOT_APPLICABLE);
        assertThat(higher.evaluate(goal(PaceStatus.NO_DATA, T0, "900", null), UNUSED_CLOCK).outcome())
                .isEqualTo(Breach.Outcome.NOT_APPLICABLE);
    }
}
