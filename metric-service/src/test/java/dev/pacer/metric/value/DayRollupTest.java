package dev.pacer.metric.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.events.Grain;
import dev.pacer.metric.definition.Aggregation;
import dev.pacer.metric.definition.CumulativeWindow;
import dev.pacer.metric.definition.Direction;
import dev.pacer.metric.definition.MetricDefinition;
import dev.pacer.metric.definition.MetricKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DayRollupTest {
    private static final LocalDate Q1 = LocalDate.of(2024, 1, 1);
    private static final LocalDate Q2 = LocalDate.of(2024, 4, 1);

    private static MetricDefinition metric(MetricKind kind, Aggregation aggregation) {
        return new MetricDefinition("m", "m", "USD", Direction.HIGHER_IS_BETTER, "sales", "alice", kind,
                kind == MetricKind.SIMPLE || kind == MetricKind.FIRST_SEEN ? "orders" : null, aggregation, "amount",
                null, kind == MetricKind.FIRST_SEEN ? "customer_id" : null, null, null, null, null,
                kind == MetricKind.CUMULATIVE ? "revenue" : null,
                kind == MetricKind.CUMULATIVE ? CumulativeWindow.YTD : null, null, null, null, null, null);
    }

    private static DayRollup.Row row(LocalDate start, Map<String, String> dims, String value, boolean nullDayTotal,
            boolean stale) {
        return new DayRollup.Row(start, dims, value == null ? null : new BigDecimal(value), nullDayTotal, stale);
    }

    @Test
    void onlyDecomposableAggregationsOfSimpleMetricsRollUp() {
        assertThat(DayRollup.aggregate(metric(MetricKind.SIMPLE, Aggregation.SUM))).contains("sum(raw_value)");
        assertThat(DayRollup.aggregate(metric(MetricKind.SIMPLE, Aggregation.COUNT))).contains("sum(raw_value)");
        assertThat(DayRollup.aggregate(metric(MetricKind.SIMPLE, Aggregation.MIN))).contains("min(raw_value)");
        assertThat(DayRollup.aggregate(metric(MetricKind.SIMPLE, Aggregation.MAX))).contains("max(raw_value)");
        assertThat(DayRollup.aggregate(metric(MetricKind.SIMPLE, Aggregation.COUNT_DISTINCT))).isEmpty();
        assertThat(DayRollup.aggregate(metric(MetricKind.SIMPLE, Aggregation.AVERAGE))).isEmpty();
        assertThat(DayRollup.aggregate(metric(MetricKind.FIRST_SEEN, null))).isEmpty();
        assertThat(DayRollup.aggregate(metric(MetricKind.CUMULATIVE, null))).isEmpty();
    }

    @Test
    void dayValuesComeFromTheFactsAndEveryCoarserGrainRollsUp() {
        assertThat(DayRollup.rollsUp(Grain.DAY)).isFalse();
        assertThat(List.of(Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR)).allMatch(DayRollup::rollsUp);
    }

    @Test
    void trustworthyPeriodsGiveEverySliceAndDoubtfulPeriodsAreLeftToTheFactsWhole() {
        List<DayRollup.Row> rows = List.of(
                row(Q1, Map.of(), "30.50", false, false),
                row(Q1, Map.of("country", "FR"), "10.25", false, false),
                row(Q1, Map.of("country", "DE"), null, false, false),
                row(Q2, Map.of(), "7", true, false),
                row(Q2, Map.of("country", "FR"), "7", false, false));

        DayRollup.Result result = DayRollup.split(Grain.QUARTER, Set.of(Q1, Q2), rows);

        assertThat(result.fromFacts()).containsExactly(Q2);
        assertThat(result.values()).hasSize(3)
                .containsEntry(new Slice(Grain.QUARTER, Q1, Map.of()), new BigDecimal("30.50"))
                .containsEntry(new Slice(Grain.QUARTER, Q1, Map.of("country", "FR")), new BigDecimal("10.25"))
                .containsEntry(new Slice(Grain.QUARTER, Q1, Map.of("country", "DE")), null);
    }

    @Test
    void aStaleDayValueSendsItsPeriodToTheFacts() {
        List<DayRollup.Row> rows = List.of(
                row(Q1, Map.of(), "5", false, false),
                row(Q1, Map.of("country", "FR"), "5", false, true));

        DayRollup.Result result = DayRollup.split(Grain.QUARTER, Set.of(Q1), rows);

        assertThat(result.fromFacts()).containsExactly(Q1);
        assertThat(result.values()).isEmpty();
    }

    @Test
    void periodsNotAskedForAreIgnoredAndPeriodsWithoutDaysGetNoValue() {
        List<DayRollup.Row> rows = List.of(row(Q1, Map.of(), "5", true, true), row(Q2, Map.of(), "9", false, false));

        DayRollup.Result result = DayRollup.split(Grain.QUARTER, Set.of(Q2, LocalDate.of(2024, 7, 1)), rows);

        assertThat(result.fromFacts()).isEmpty();
        assertThat(result.values()).containsOnlyKeys(new Slice(Grain.QUARTER, Q2, Map.of()));
    }
}
