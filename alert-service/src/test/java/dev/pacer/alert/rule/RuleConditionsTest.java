package dev.pacer.alert.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.events.Grain;
import dev.pacer.events.PaceStatus;
import dev.pacer.platform.problem.Problem.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleConditionsTest {
    private static final RuleScope GOAL = new RuleScope(ScopeType.GOAL, "g-1");
    private static final RuleScope METRIC = new RuleScope(ScopeType.METRIC, "revenue");
    private static final List<String> SALES = List.of("sales");

    private static RuleParameters params(Map<String, Object> values) {
        return new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                .convertValue(values, RuleParameters.class);
    }

    private static List<String> fields(RuleConditions.Checked c) {
        return c.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aGoalPaceRuleWithDefaultsBuildsItsCondition() {
        var checked = RuleConditions.check(RuleKind.GOAL_PACE, RuleParameters.goalPace(PaceStatus.ON_TRACK), GOAL,
                SALES, Map.of("team", "emea"), Duration.ofMinutes(10), null);
        assertThat(checked.valid()).isTrue();
        assertThat(checked.condition()).isEqualTo(GoalPace.worseThan(PaceStatus.ON_TRACK, 1));
    }

    @Test
    void aMissingRequiredParameterIsNamed() {
        var checked = RuleConditions.check(RuleKind.METRIC_THRESHOLD, params(Map.of("grain", "MONTH")), METRIC,
                SALES, null, null, null);
        assertThat(fields(checked)).containsExactlyInAnyOrder("parameters.comparison", "parameters.limit");
        assertThat(checked.condition()).isNull();
    }

    @Test
    void aParameterOfAnotherKindIsRefused() {
        var checked = RuleConditions.check(RuleKind.FORECAST_MISS, params(Map.of("limit", 5, "polarity",
                "LOWER_IS_BETTER")), GOAL, SALES, null, null, null);
        assertThat(fields(checked)).containsExactly("parameters.limit");
        assertThat(checked.errors().get(0).message()).contains("forecast_miss").contains("polarity");
    }

    @Test
    void impossibleValuesAreRefusedNotThrown() {
        assertThat(fields(RuleConditions.check(RuleKind.GOAL_PACE, params(Map.of("worseThan", "OFF_TRACK",
                "evaluations", 0)), GOAL, SALES, null, null, null)))
                .containsExactlyInAnyOrder("parameters.worseThan", "parameters.evaluations");
        assertThat(fields(RuleConditions.check(RuleKind.ANOMALY, params(Map.of("grain", "MONTH", "k", -1,
                "trailingPeriods", 4, "minHistory", 5, "minSeasons", 1)), METRIC, SALES, null, null, null)))
                .containsExactlyInAnyOrder("parameters.k", "parameters.minHistory", "parameters.minSeasons");
        assertThat(fields(RuleConditions.check(RuleKind.PERIOD_CHANGE, params(Map.of("basis", "PREVIOUS_PERIOD",
                "measure", "RELATIVE", "limit", -0.2, "grain", "MONTH")), METRIC, SALES, null, null, null)))
                .containsExactly("parameters.limit");
        assertThat(fields(RuleConditions.check(RuleKind.STALENESS, params(Map.of("freshnessExpectation", "PT0S")),
                METRIC, SALES, null, null, null))).containsExactly("parameters.freshnessExpectation");
    }

    @Test
    void metricKindsNeedAMetricScopeAndADepartmentScopeMustBeOwned() {
        assertThat(fields(RuleConditions.check(RuleKind.STALENESS, params(Map.of("freshnessExpectation", "PT26H")),
                GOAL, SALES, null, null, null))).containsExactly("scope.type");
        assertThat(fields(RuleConditions.check(RuleKind.GOAL_PACE, RuleParameters.goalPace(PaceStatus.ON_TRACK),
                new RuleScope(ScopeType.DEPARTMENT, "finance"), SALES, null, null, null))).containsExactly("scope.key");
    }

    @Test
    void timingMustBeWholeNonNegativeSecondsAndReservedLabelsAreRefused() {
        var checked = RuleConditions.check(RuleKind.GOAL_PACE, RuleParameters.goalPace(PaceStatus.ON_TRACK), GOAL,
                SALES, Map.of("severity", "low", "bad-name", "x"), Duration.ofMillis(1500), Duration.ofSeconds(-1));
        assertThat(fields(checked)).containsExactlyInAnyOrder("pendingFor", "keepFiringFor", "labels.severity",
                "labels.bad-name");
    }

    @Test
    void everyKindBuildsFromItsParameters() {
        assertThat(RuleConditions.condition(RuleKind.ANOMALY, params(Map.of("grain", "MONTH"))))
                .isEqualTo(Anomaly.robust(Grain.MONTH, Map.of(), 3, 12, 6));
        assertThat(RuleConditions.condition(RuleKind.METRIC_THRESHOLD, params(Map.of("grain", "DAY",
                "comparison", "ABOVE", "limit", 10, "dimensions", Map.of("region", "EMEA")))))
                .isEqualTo(new MetricThreshold(MetricThreshold.Comparison.ABOVE, BigDecimal.TEN, Grain.DAY,
                        Map.of("region", "EMEA")));
        assertThat(RuleConditions.condition(RuleKind.STALENESS, params(Map.of("freshnessExpectation", "PT26H",
                "grace", "PT1H")))).isEqualTo(new Staleness(Duration.ofHours(1)));
        assertThat(RuleConditions.condition(RuleKind.FORECAST_MISS, params(Map.of())))
                .isEqualTo(new ForecastMiss(Polarity.HIGHER_IS_BETTER));
        assertThatThrownBy(() -> RuleConditions.condition(RuleKind.GOAL_PACE, params(Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("worseThan");
    }
}
