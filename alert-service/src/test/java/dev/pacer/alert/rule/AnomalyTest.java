package dev.pacer.alert.rule;

import static dev.pacer.alert.rule.Inputs.UNUSED_CLOCK;
import static dev.pacer.alert.rule.Inputs.monthly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.events.Grain;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AnomalyTest {

    /** 2023-01 … 2025-12: about 100 most months (102–106), with a December peak of 200, 205, 210. */
    private static MetricHistory threeYearsWithDecemberPeak() {
        Map<LocalDate, BigDecimal> m = new TreeMap<>();
        for (int y = 2023; y <= 2025; y++) {
            for (int month = 1; month <= 12; month++) {
                int v = month == 12 ? 200 + 5 * (y - 2023) : 100 + 2 * (month % 3) + (y - 2023);
                m.put(LocalDate.of(y, month, 1), BigDecimal.valueOf(v));
            }
        }
        return MetricHistory.of(m);
    }

    private static MetricHistory series(LocalDate first, int... values) {
        Map<LocalDate, BigDecimal> m = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(first.plusMonths(i), BigDecimal.valueOf(values[i]));
        }
        return MetricHistory.of(m);
    }

    private static final Anomaly ROBUST = Anomaly.robust(Grain.MONTH, Map.of(), 3, 12, 6);
    private static final Anomaly SEASONAL = ROBUST.seasonal(2);
    private static final LocalDate DEC_2026 = LocalDate.of(2026, 12, 1);
    private static final LocalDate JUL_2026 = LocalDate.of(2026, 7, 1);

    @Test
    void aNormalDecemberIsNotAnAnomalyAgainstEarlierDecembers() {
        Breach b = SEASONAL.evaluate(monthly(DEC_2026, "212", threeYearsWithDecemberPeak()), UNUSED_CLOCK);
        assertThat(b.breached()).isFalse();
        // Decembers 200, 205, 210: median 205, MAD 5, 3 × 1.4826 × 5 = 22.239
        assertThat(b.baseline().centre()).isEqualByComparingTo("205");
        assertThat(b.baseline().lower()).isEqualByComparingTo("182.761");
        assertThat(b.baseline().upper()).isEqualByComparingTo("227.239");
        assertThat(b.baseline().samples()).isEqualTo(3);
        assertThat(b.baseline().method()).isEqualTo("median±3·MAD seasonal 3");
        assertThat(b.expectation()).isEqualByComparingTo("205");
    }

    @Test
    void theSameValueInJulyIsAnAnomaly() {
        Breach b = SEASONAL.evaluate(monthly(JUL_2026, "212", threeYearsWithDecemberPeak()), UNUSED_CLOCK);
        assertThat(b.breached()).isTrue();
        // Julys 102, 103, 104: median 103, MAD 1, 3 × 1.4826 = 4.4478
        assertThat(b.baseline().lower()).isEqualByComparingTo("98.5522");
        assertThat(b.baseline().upper()).isEqualByComparingTo("107.4478");
        assertThat(b.reason()).contains("outside the band [98.5522, 107.4478]");
        assertThat(SEASONAL.evaluate(monthly(JUL_2026, "104", threeYearsWithDecemberPeak()), UNUSED_CLOCK)
                .breached()).isFalse();
    }

    @Test
    void withoutSeasonalityANormalDecemberLooksAnomalous() {
        Breach b = ROBUST.evaluate(monthly(DEC_2026, "212", threeYearsWithDecemberPeak()), UNUSED_CLOCK);
        assertThat(b.breached()).isTrue();
        // 2025: 102×3, 104×4, 106×4, 210 → median 104, MAD 2 → half-width 8.8956
        assertThat(b.baseline().centre()).isEqualByComparingTo("104");
        assertThat(b.baseline().upper()).isEqualByComparingTo("112.8956");
        assertThat(b.baseline().method()).isEqualTo("median±3·MAD trailing 12");
    }

    @Test
    void fallsBackToTrailingPeriodsWithoutEnoughSeasons() {
        Map<LocalDate, BigDecimal> oneYear = new TreeMap<>();
        for (int month = 1; month <= 12; month++) {
            oneYear.put(LocalDate.of(2025, month, 1),
                    BigDecimal.valueOf(month == 12 ? 210 : 102 + 2 * (month % 3)));
        }
        Breach b = SEASONAL.evaluate(monthly(DEC_2026, "212", MetricHistory.of(oneYear)), UNUSED_CLOCK);
        assertThat(b.baseline().method()).isEqualTo("median±3·MAD trailing 12");
        assertThat(b.breached()).isTrue();
    }

    @Test
    void isSilentUntilTheMinimumHistoryExists() {
        LocalDate jul = LocalDate.of(2026, 7, 1);
        MetricHistory five = series(LocalDate.of(2026, 2, 1), 100, 101, 99, 100, 102);
        Breach silent = ROBUST.evaluate(monthly(jul, "1000", five), UNUSED_CLOCK);
        assertThat(silent.breached()).isFalse();
        assertThat(silent.outcome()).isEqualTo(Breach.Outcome.CLEAR);
        assertThat(silent.reason()).startsWith("insufficient history: 5 of 6 trailing periods");
        assertThat(silent.baseline()).isNull();
        MetricHistory six = series(LocalDate.of(2026, 1, 1), 100, 100, 101, 99, 100, 102);
        assertThat(ROBUST.evaluate(monthly(jul, "1000", six), UNUSED_CLOCK).breached()).isTrue();
    }

    @Test
    void historyAtOrAfterTheCurrentPeriodIsNotBaseline() {
        MetricHistory withFuture = series(LocalDate.of(2026, 4, 1), 100, 100, 100, 100, 100, 100, 100, 100);
        Breach b = ROBUST.evaluate(monthly(LocalDate.of(2026, 9, 1), "100", withFuture), UNUSED_CLOCK);
        assertThat(b.reason()).startsWith("insufficient history: 5 of 6");
    }

    @Test
    void medianAndMadIgnoreAnEarlierOutlierThatInflatesMeanAndSigma() {
        MetricHistory h = series(LocalDate.of(2026, 1, 1), 100, 101, 99, 100, 500, 100, 102, 98);
        LocalDate sep = LocalDate.of(2026, 9, 1);
        Breach robust = ROBUST.evaluate(monthly(sep, "130", h), UNUSED_CLOCK);
        assertThat(robust.breached()).isTrue();
        assertThat(robust.baseline().upper()).isEqualByComparingTo("104.4478");
        Breach classic = ROBUST.using(Anomaly.Method.MEAN_STDDEV).evaluate(monthly(sep, "130", h), UNUSED_CLOCK);
        assertThat(classic.breached()).isFalse();
        assertThat(classic.baseline().centre()).isEqualByComparingTo("150");
    }

    @Test
    void meanPlusMinusKSigmaUsesTheSampleStandardDeviation() {
        Anomaly rule = new Anomaly(Anomaly.Method.MEAN_STDDEV, 2, 5, 5, 0, Side.EITHER, 0, Grain.MONTH, Map.of());
        MetricHistory h = series(LocalDate.of(2026, 1, 1), 10, 12, 14, 16, 18);
        LocalDate jun = LocalDate.of(2026, 6, 1);
        Breach b = rule.evaluate(monthly(jun, "20", h), UNUSED_CLOCK);
        // mean 14, s = √10 = 3.16227766, 2s = 6.32455532
        assertThat(b.baseline().lower()).isEqualByComparingTo("7.67544468");
        assertThat(b.baseline().upper()).isEqualByComparingTo("20.32455532");
        assertThat(b.breached()).isFalse();
        assertThat(rule.evaluate(monthly(jun, "21", h), UNUSED_CLOCK).breached()).isTrue();
        assertThat(rule.evaluate(monthly(jun, "7", h), UNUSED_CLOCK).breached()).isTrue();
    }

    @Test
    void aOneSidedRuleIgnoresDeviationsTheOtherWay() {
        MetricHistory h = series(LocalDate.of(2026, 1, 1), 100, 100, 101, 99, 100, 102);
        Anomaly drops = ROBUST.onSide(Side.DOWN);
        LocalDate jul = LocalDate.of(2026, 7, 1);
        assertThat(drops.evaluate(monthly(jul, "1000", h), UNUSED_CLOCK).breached()).isFalse();
        assertThat(drops.evaluate(monthly(jul, "10", h), UNUSED_CLOCK).breached()).isTrue();
    }

    @Test
    void aMinimumSpreadKeepsAFlatHistoryFromFlaggingSmallWobbles() {
        MetricHistory flat = series(LocalDate.of(2026, 1, 1), 100, 100, 100, 100, 100, 100);
        LocalDate jul = LocalDate.of(2026, 7, 1);
        assertThat(ROBUST.evaluate(monthly(jul, "100.5", flat), UNUSED_CLOCK).breached()).isTrue();
        Breach floored = ROBUST.withMinSpread(1).evaluate(monthly(jul, "100.5", flat), UNUSED_CLOCK);
        assertThat(floored.breached()).isFalse();
        assertThat(floored.baseline().upper()).isEqualByComparingTo("103");
    }

    @Test
    void rejectsNonsensicalSettings() {
        assertThatThrownBy(() -> Anomaly.robust(Grain.MONTH, Map.of(), 0, 12, 6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Anomaly.robust(Grain.MONTH, Map.of(), 3, 4, 6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ROBUST.seasonal(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
