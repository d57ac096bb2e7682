package dev.pacer.alert.rule;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * No new data for longer than the metric's freshness expectation (plus an optional grace), measured on the given
 * {@link Clock}. The verdict's value is the age in seconds and its expectation the allowed age in seconds. A metric
 * that never received data is stale.
 */
public record Staleness(Duration grace) implements RuleCondition {

    public Staleness {
        grace = grace == null ? Duration.ZERO : grace;
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative");
        }
    }

    public static Staleness ofFreshnessExpectation() {
        return new Staleness(Duration.ZERO);
    }

    @Override
    public String kind() {
        return "staleness";
    }

    @Override
    public Breach evaluate(RuleInput input, ConditionState state, Clock clock) {
        if (!(input instanceof RuleInput.Freshness f)) {
            return Breach.notApplicable("staleness rule does not judge " + input.getClass().getSimpleName());
        }
        Duration allowed = f.freshnessExpectation().plus(grace);
        BigDecimal allowedSeconds = BigDecimal.valueOf(allowed.toSeconds());
        if (f.lastDataAt() == null) {
            return Breach.breached(null, allowedSeconds, null, f.metricKey() + " has never received data");
        }
        Instant now = clock.instant();
        Duration age = Duration.between(f.lastDataAt(), now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        boolean stale = age.compareTo(allowed) > 0;
        String reason = f.metricKey() + ": last data at " + f.lastDataAt() + ", " + age + " ago at " + now
                + (stale ? ", longer than " : ", within ") + "the allowed " + allowed;
        BigDecimal ageSeconds = BigDecimal.valueOf(age.toSeconds());
        return stale ? Breach.breached(ageSeconds, allowedSeconds, null, reason)
                : Breach.clear(ageSeconds, allowedSeconds, null, reason);
    }
}
