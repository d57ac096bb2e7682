package dev.pacer.alert.rule;

import dev.pacer.events.Grain;
import dev.pacer.events.MetricValueChanged;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A metric value changed, against the previous period or the same period last year, by more than {@code limit}:
 * absolute (in the metric's unit) or relative (a fraction of the earlier value, 0.2 = 20 %), upwards, downwards or
 * either way. Silent (clear) when the earlier period has no value, or is zero for a relative change.
 */
public record PeriodChange(Basis basis, Measure measure, BigDecimal limit, Side side, Grain grain,
        Map<String, String> dimensions) implements RuleCondition {

    public enum Basis {
        PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR
    }

    public enum Measure {
        ABSOLUTE, RELATIVE
    }

    public PeriodChange {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(grain, "grain");
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
        if (limit.signum() < 0) {
            throw new IllegalArgumentException("limit must not be negative; use side to pick a direction");
        }
    }

    @Override
    public String kind() {
        return "period_change";
    }

    @Override
    public Breach evaluate(RuleInput input, ConditionState state, Clock clock) {
        if (!(input instanceof RuleInput.MetricValue mv)) {
            return Breach.notApplicable("change rule does not judge " + input.getClass().getSimpleName());
        }
        MetricValueChanged v = mv.value();
        String mismatch = Slices.mismatch(v, grain, dimensions);
        if (mismatch != null) {
            return Breach.notApplicable(mismatch);
        }
        LocalDate earlierStart = basis == Basis.PREVIOUS_PERIOD ? Periods.previous(grain, v.periodStart())
                : Periods.samePeriodYearsBefore(grain, v.periodStart(), 1);
        String label = basis == Basis.PREVIOUS_PERIOD ? "previous period" : "same period last year";
        Optional<BigDecimal> earlier = mv.history().valueAt(earlierStart);
        if (earlier.isEmpty()) {
            return Breach.clear(v.value(), null, null, "insufficient history: no value for the " + label + " ("
                    + earlierStart + ")");
        }
        BigDecimal base = earlier.get();
        BigDecimal change = v.value().subtract(base);
        if (measure == Measure.RELATIVE) {
            if (base.signum() == 0) {
                return Breach.clear(v.value(), base, null, "the " + label + " (" + earlierStart
                        + ") is zero: no relative change");
            }
            change = change.divide(base.abs(), MathContext.DECIMAL64);
        }
        boolean breached = side.beyond(change.doubleValue(), limit.doubleValue());
        String reason = v.metricKey() + " " + v.periodStart() + " = " + v.value().toPlainString() + " vs "
                + base.toPlainString() + " in the " + label + " (" + earlierStart + "): "
                + (measure == Measure.RELATIVE ? "relative" : "absolute") + " change "
                + change.stripTrailingZeros().toPlainString() + (breached ? " beyond " : " within ")
                + side.name().toLowerCase() + " limit " + limit.toPlainString();
        return breached ? Breach.breached(change, limit, null, reason) : Breach.clear(change, limit, null, reason);
    }
}
