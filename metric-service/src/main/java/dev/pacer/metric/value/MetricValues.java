package dev.pacer.metric.value;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of a values query: a series of one metric at one grain. */
@Schema(name = "MetricValues")
public record MetricValues(
        @Schema(example = "revenue") String metricKey,
        @Schema(example = "4") int metricVersion,
        @Schema(example = "MONTH") dev.pacer.events.Grain grain,
        @Schema(example = "USD") String unit,
        @Schema(description = "PREVIOUS or LAST_YEAR when a comparison was asked for") Comparison compare,
        List<Point> values) {

    /** Which earlier period each value is compared with. */
    public enum Comparison { PREVIOUS, LAST_YEAR }

    /** One value of the series. */
    @Schema(name = "MetricValuePoint")
    public record Point(
            @Schema(example = "1997-03") String period,
            @Schema(example = "1997-03-01") LocalDate periodStart,
            @Schema(description = "Exclusive", example = "1997-04-01") LocalDate periodEnd,
            @Schema(description = "The slice; empty for the total", example = "{\"ship_country\": \"France\"}")
            Map<String, String> dimensions,
            @Schema(description = "Rounded per the metric's definition; null when there is no data", example = "38547.22")
            BigDecimal value,
            @Schema(description = "The compared period's value") BigDecimal compareValue,
            @Schema(description = "value − compareValue", example = "1520.10") BigDecimal change,
            @Schema(description = "value / compareValue − 1 (4 places)", example = "0.0411") BigDecimal changeRatio) {
    }
}
