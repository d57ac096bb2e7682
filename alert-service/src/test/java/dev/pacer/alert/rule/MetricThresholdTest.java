package dev.pacer.alert.rule;

import static dev.pacer.alert.rule.Inputs.UNUSED_CLOCK;
import static dev.pacer.alert.rule.Inputs.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.alert.rule.MetricThreshold.Comparison;
import dev.pacer.events.Grain;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricThresholdTest {
    private static final LocalDate MAY = LocalDate.of(2026, 5, 1);
    private static final Map<String, String> NORTH = Map.of("region", "north");

    private static Breach judge(MetricThreshold rule, Grain grain, Map<String, String> dims, String v) {
        return rule.evaluate(new RuleInput.MetricValue(value(grain, MAY, dims, v)), UNUSED_CLOCK);
    }

    @Test
    void aboveBreachesOnlyStrictlyAboveTheLimit() {
        MetricThreshold rule = new MetricThreshold(Comparison.ABOVE, new BigDecimal("100"), Grain.MONTH, NORTH);
        Breach b = judge(rule, Grain.MONTH, NORTH, "100.01");
        assertThat(b.breached()).isTrue();
        assertThat(b.value()).isEqualByComparingTo("100.01");
        assertThat(b.expectation()).isEqualByComparingTo("100");
        assertThat(judge(rule, Grain.MONTH, NORTH, "100").breached()).isFalse();
        assertThat(judge(rule, Grain.MONTH, NORTH, "100").outcome()).isEqualTo(Breach.Outcome.CLEAR);
    }

    @Test
    void belowBreachesOnlyStrictlyBelowTheLimit() {
        MetricThreshold rule = new MetricThreshold(Comparison.BELOW, new BigDecimal("50"), Grain.DAY, Map.of());
        assertThat(judge(rule, Grain.DAY, Map.of(), "49.9").breached()).isTrue();
        assertThat(judge(rule, Grain.DAY, Map.of(), "50").breached()).isFalse();
    }

    @Test
    void judgesOnlyItsGrain() {
        MetricThreshold rule = new MetricThreshold(Comparison.ABOVE, new BigDecimal("100"), Grain.MONTH, NORTH);
        Breach b = judge(rule, Grain.DAY, NORTH, "500");
        assertThat(b.outcome()).isEqualTo(Breach.Outcome.NOT_APPLICABLE);
        assertThat(b.reason()).contains("grain DAY");
    }

    @Test
    void theDimensionFilterIsAnExactMapMatch() {
        MetricThreshold rule = new MetricThreshold(Comparison.ABOVE, new BigDecimal("100"), Grain.MONTH, NORTH);
        assertThat(judge(rule, Grain.MONTH, Map.of("region", "north", "channel", "web"), "500").outcome())
                .isEqualTo(Breach.Outcome.NOT_APPLICABLE);
        assertThat(judge(rule, Grain.MONTH, Map.of("region", "south"), "500").outcome())
                .isEqualTo(Breach.Outcome.NOT_APPLICABLE);
        assertThat(judge(rule, Grain.MONTH, Map.of(), "500").outcome()).isEqualTo(Breach.Outcome.NOT_APPLICABLE);
        MetricThreshold total = new MetricThreshold(Comparison.ABOVE, new BigDecimal("100"), Grain.MONTH, null);
        assertThat(judge(total, Grain.MONTH, Map.of(), "500").breached()).isTrue();
        assertThat(judge(total, Grain.MONTH, NORTH, "500").outcome()).isEqualTo(Breach.Outcome.NOT_APPLICABLE);
    }
}
