package dev.pacer.alert.rule;

import dev.pacer.events.Grain;
import dev.pacer.events.MetricValueChanged;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * A metric value of one grain and exact dimension slice is strictly above or below a limit. The slice must equal
 * {@code dimensions} exactly (an empty map means the unsliced total).
 */
public record MetricThreshold(Comparison comparison, BigDecimal limit, Grain grain, Map<String, String> dimensions)
        implements RuleCondition {

    public enum Comparison {
        ABOVE, BELOW
    }

    public MetricThreshold {
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(grain, "grain");
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
    }

    @Override
    public String kind() {
        return "metric_threshold";
    }

    @Override
    public Breach evaluate(RuleInput input, ConditionState state, Clock clock) {
        if (!(input instanceof RuleInput.MetricValue mv)) {
            return Breach.notApplicable("threshold rule does not judge " + input.getClass().getSimpleName());
        }
        MetricValueChanged v = mv.value();
        String mismatch = Slices.mismatch(v, grain, dimensions);
        if (mismatch != null) {
            return Breach.notApplicable(mismatch);
        }
        int cmp = v.value().compareTo(limit);
        boolean breached = comparison == Comparison.ABOVE ? cmp > 0 : cmp < 0;
        String reason = v.metricKey() + " " + v.grain() + " " + v.periodStart() + " = " + v.value().toPlainString()
                + (breached ? " is " : " is not ") + comparison.name().toLowerCase() + " " + limit.toPlainString();
        return breached ? Breach.breached(v.value(), limit, null, reason) : Breach.clear(v.value(), limit, null, reason);
    }
}
