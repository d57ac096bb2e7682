package dev.pacer.alert.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pacer.events.Grain;
import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The parameters of a rule's condition; each kind takes only its own (see {@link RuleKind#parameters()}), the others
 * must be absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RuleParameters", description = "The condition's parameters. goal_pace: worseThan, evaluations (1), "
        + "forAtLeast, noData (HOLD). forecast_miss: polarity (HIGHER_IS_BETTER). metric_threshold: comparison, "
        + "limit, grain, dimensions. period_change: basis, measure, limit, side (EITHER), grain, dimensions. "
        + "anomaly: method (MEDIAN_MAD), k (3), trailingPeriods (12), minHistory (6), minSeasons (0), side (EITHER), "
        + "minSpread (0), grain, dimensions. staleness: freshnessExpectation, grace (PT0S).")
public record RuleParameters(
        @Schema(description = "goal_pace: fire when the pace is worse than this", example = "ON_TRACK")
        PaceStatus worseThan,
        @Schema(description = "goal_pace: consecutive worse evaluations needed", example = "1") Integer evaluations,
        @Schema(description = "goal_pace: and for at least this long in event time", example = "PT0S")
        Duration forAtLeast,
        @Schema(description = "goal_pace: what a NO_DATA pace does to the run", example = "HOLD")
        GoalPace.NoData noData,
        @Schema(description = "forecast_miss: which way the goal is good", example = "HIGHER_IS_BETTER")
        Polarity polarity,
        @Schema(description = "metric_threshold: above or below the limit", example = "BELOW")
        MetricThreshold.Comparison comparison,
        @Schema(description = "metric_threshold, period_change: the limit (a change: ≥ 0; relative as a fraction)",
                example = "100000") BigDecimal limit,
        @Schema(description = "metric kinds: the grain of the values judged", example = "MONTH") Grain grain,
        @Schema(description = "metric kinds: the exact dimension slice ({} or absent: the total)",
                example = "{\"region\": \"EMEA\"}") Map<String, String> dimensions,
        @Schema(description = "period_change: compared with", example = "PREVIOUS_PERIOD") PeriodChange.Basis basis,
        @Schema(description = "period_change: absolute or relative change", example = "RELATIVE")
        PeriodChange.Measure measure,
        @Schema(description = "period_change, anomaly: which direction counts", example = "DOWN") Side side,
        @Schema(description = "anomaly: band method", example = "MEDIAN_MAD") Anomaly.Method method,
        @Schema(description = "anomaly: band half-width in spreads", example = "3") Double k,
        @Schema(description = "anomaly: trailing periods of the baseline", example = "12") Integer trailingPeriods,
        @Schema(description = "anomaly: silent below this many trailing values", example = "6") Integer minHistory,
        @Schema(description = "anomaly: seasonal baseline from this many earlier years (0: not seasonal)",
                example = "0") Integer minSeasons,
        @Schema(description = "anomaly: the smallest spread used", example = "0") Double minSpread,
        @Schema(description = "staleness: data older than this is stale", example = "PT26H")
        Duration freshnessExpectation,
        @Schema(description = "staleness: extra time allowed", example = "PT1H") Duration grace) {

    /** Parameters with only a goal pace threshold set. */
    public static RuleParameters goalPace(PaceStatus worseThan) {
        return new RuleParameters(worseThan, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }
}
