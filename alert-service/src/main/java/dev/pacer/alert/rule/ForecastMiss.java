package dev.pacer.alert.rule;

import dev.pacer.events.GoalProgressChanged;
import java.time.Clock;
import java.util.Objects;

/**
 * A goal's forecast for the end of its period misses its base target: below it when higher is better, above it when
 * lower is better. Without a forecast or base target the rule does not apply.
 */
public record ForecastMiss(Polarity polarity) implements RuleCondition {

    public ForecastMiss {
        Objects.requireNonNull(polarity, "polarity");
    }

    @Override
    public String kind() {
        return "forecast_miss";
    }

    @Override
    public Breach evaluate(RuleInput input, ConditionState state, Clock clock) {
        if (!(input instanceof RuleInput.GoalProgress gp)) {
            return Breach.notApplicable("forecast rule does not judge " + input.getClass().getSimpleName());
        }
        GoalProgressChanged p = gp.progress();
        if (p.forecast() == null || p.baseTarget() == null) {
            return Breach.notApplicable("Goal '" + p.title() + "' has no forecast or base target");
        }
        int cmp = p.forecast().compareTo(p.baseTarget());
        boolean miss = polarity == Polarity.HIGHER_IS_BETTER ? cmp < 0 : cmp > 0;
        String reason = "Goal '" + p.title() + "': forecast " + p.forecast().toPlainString()
                + (miss ? " misses" : " meets") + " base target " + p.baseTarget().toPlainString()
                + " (" + (polarity == Polarity.HIGHER_IS_BETTER ? "higher" : "lower") + " is better)";
        return miss ? Breach.breached(p.forecast(), p.baseTarget(), null, reason)
                : Breach.clear(p.forecast(), p.baseTarget(), null, reason);
    }
}
