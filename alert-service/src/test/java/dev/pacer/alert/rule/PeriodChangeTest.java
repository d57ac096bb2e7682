package dev.pacer.alert.rule;

import static dev.pacer.alert.rule.Inputs.UNUSED_CLOCK;
import static dev.pacer.alert.rule.Inputs.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.alert.rule.PeriodChange.Basis;
import dev.pacer.alert.rule.PeriodChange.Measure;
import dev.pacer.events.Grain;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PeriodChangeTest {
    private static final LocalDate MAR_2026 = LocalDate.of(2026, 3, 1);

    private static MetricHistory history(Object... dateValuePairs) {
        Map<LocalDate, BigDecimal> m = new TreeMap<>();
        for (int i = 0; i < dateValuePairs.length; i += 2) {
            m.put((LocalDate) dateValuePairs[i], new BigDecimal((String) dateValuePairs[i + 1]));
        }
        return MetricHistory.of(m);
    }

    private static Breach judge(PeriodChange rule, Grain grain, LocalDate start, String v, MetricHistory h) {
        return rule.evaluate(new RuleInput.MetricValue(value(grain, start, Map.of(), v), h), UNUSED_CLOCK);
    }

    private static PeriodChange rule(Basis basis, Measure measure, String limit, Side side, Grain grain) {
        return new PeriodChange(basis, measure, new BigDecimal(limit), side, grain, Map.of());
    }

    @Test
    void anAbsoluteChangeBeyondTheLimitEitherWayBreaches() {
        PeriodChange rule = rule(Basis.PREVIOUS_PERIOD, Measure.ABSOLUTE, "100", Side.EITHER, Grain.MONTH);
        Breach up = judge(rule, Grain.MONTH, MAR_2026, "1000", history(LocalDate.of(2026, 2, 1), "850"));
        assertThat(up.breached()).isTrue();
        assertThat(up.value()).isEqualByComparingTo("150");
        assertThat(up.expectation()).isEqualByComparingTo("100");
        assertThat(judge(rule, Grain.MONTH, MAR_2026, "700", history(LocalDate.of(2026, 2, 1), "850")).breached())
                .isTrue();
        assertThat(judge(rule, Grain.MONTH, MAR_2026, "950", history(LocalDate.of(2026, 2, 1), "850")).breached())
                .isFalse(); // exactly 100 is not beyond
    }

    @Test
    void aOneSidedRelativeRuleIgnoresTheOtherDirection() {
        PeriodChange drop = rule(Basis.PREVIOUS_PERIOD, Measure.RELATIVE, "0.2", Side.DOWN, Grain.MONTH);
        MetricHistory feb = history(LocalDate.of(2026, 2, 1), "1000");
        Breach b = judge(drop, Grain.MONTH, MAR_2026, "790", feb);
        assertThat(b.breached()).isTrue();
        assertThat(b.value()).isEqualByComparingTo("-0.21");
        assertThat(judge(drop, Grain.MONTH, MAR_2026, "800", feb).breached()).isFalse();
        assertThat(judge(drop, Grain.MONTH, MAR_2026, "1500", feb).breached()).isFalse();
        PeriodChange rise = rule(Basis.PREVIOUS_PERIOD, Measure.RELATIVE, "0.2", Side.UP, Grain.MONTH);
        assertThat(judge(rise, Grain.MONTH, MAR_2026, "1500", feb).breached()).isTrue();
        assertThat(judge(rise, Grain.MONTH, MAR_2026, "500", feb).breached()).isFalse();
    }

    @Test
    void samePeriodLastYearComparesWithThatPeriodNotThePreviousOne() {
        PeriodChange yoy = rule(Basis.SAME_PERIOD_LAST_YEAR, Measure.RELATIVE, "0.1", Side.EITHER, Grain.MONTH);
        MetricHistory h = history(LocalDate.of(2025, 3, 1), "1000", LocalDate.of(2026, 2, 1), "1040");
        Breach b = judge(yoy, Grain.MONTH, MAR_2026, "1050", h);
        assertThat(b.breached()).isFalse();
        assertThat(b.value()).isEqualByComparingTo("0.05");
        assertThat(b.reason()).contains("2025-03-01");
        assertThat(judge(yoy, Grain.MONTH, MAR_2026, "1150", h).breached()).isTrue();
    }

    @Test
    void samePeriodLastYearOfAWeekIsTheSameIsoWeek() {
        LocalDate week10of2026 = LocalDate.of(2026, 3, 2); // Monday of ISO week 10, 2026
        LocalDate week10of2025 = LocalDate.of(2025, 3, 3); // Monday of ISO week 10, 2025
        PeriodChange yoy = rule(Basis.SAME_PERIOD_LAST_YEAR, Measure.ABSOLUTE, "10", Side.EITHER, Grain.WEEK);
        Breach b = judge(yoy, Grain.WEEK, week10of2026, "130", history(week10of2025, "100"));
        assertThat(b.breached()).isTrue();
        assertThat(b.value()).isEqualByComparingTo("30");
        assertThat(Periods.samePeriodYearsBefore(Grain.WEEK, week10of2026, 1)).isEqualTo(week10of2025);
        assertThat(Periods.previous(Grain.QUARTER, LocalDate.of(2026, 4, 1))).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void isSilentWithoutTheEarlierPeriodOrOnAZeroBaseForRelativeChange() {
        PeriodChange rel = rule(Basis.PREVIOUS_PERIOD, Measure.RELATIVE, "0.1", Side.EITHER, Grain.MONTH);
        Breach missing = judge(rel, Grain.MONTH, MAR_2026, "1000", history(LocalDate.of(2026, 1, 1), "10"));
        assertThat(missing.outcome()).isEqualTo(Breach.Outcome.CLEAR);
        assertThat(missing.reason()).startsWith("insufficient history");
        Breach zero = judge(rel, Grain.MONTH, MAR_2026, "1000", history(LocalDate.of(2026, 2, 1), "0"));
        assertThat(zero.breached()).isFalse();
        assertThat(zero.reason()).contains("zero");
    }
}
