package dev.pacer.alert.rule;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The verdict of one evaluation, with its evidence.
 *
 * @param outcome     breached, clear, or not applicable to the input
 * @param value       the observed value (a metric value, a forecast, a change, an age in seconds, a pace rank); may
 *                    be null
 * @param expectation the threshold or expectation it was compared with; may be null
 * @param baseline    the baseline band (anomaly rules); null otherwise
 * @param reason      a human-readable explanation, never blank
 * @param next        the state to pass to the next evaluation of the same subject
 */
public record Breach(Outcome outcome, BigDecimal value, BigDecimal expectation, Band baseline, String reason,
        ConditionState next) {

    /** What an evaluation concluded. */
    public enum Outcome {
        /** The condition holds. */
        BREACHED,
        /** The condition does not hold (including "silent" verdicts such as insufficient history). */
        CLEAR,
        /** The input is not something this condition judges; an alert must ignore it. */
        NOT_APPLICABLE
    }

    public Breach {
        Objects.requireNonNull(outcome, "outcome");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        next = next == null ? ConditionState.NONE : next;
    }

    public static Breach breached(BigDecimal value, BigDecimal expectation, Band baseline, String reason) {
        return new Breach(Outcome.BREACHED, value, expectation, baseline, reason, ConditionState.NONE);
    }

    public static Breach clear(BigDecimal value, BigDecimal expectation, Band baseline, String reason) {
        return new Breach(Outcome.CLEAR, value, expectation, baseline, reason, ConditionState.NONE);
    }

    public static Breach notApplicable(String reason) {
        return new Breach(Outcome.NOT_APPLICABLE, null, null, null, reason, ConditionState.NONE);
    }

    /** The same verdict carrying {@code state} for the next evaluation. */
    public Breach withNext(ConditionState state) {
        return new Breach(outcome, value, expectation, baseline, reason, state);
    }

    public boolean breached() {
        return outcome == Outcome.BREACHED;
    }

    public boolean applicable() {
        return outcome != Outcome.NOT_APPLICABLE;
    }

    /**
     * The evidence as a flat, JSON-friendly map (absent parts left out): {@code outcome}, {@code value},
     * {@code expectation}, {@code baseline} (a nested map) and {@code reason}.
     */
    public Map<String, Object> evidence() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", outcome.name());
        if (value != null) {
            m.put("value", value);
        }
        if (expectation != null) {
            m.put("expectation", expectation);
        }
        if (baseline != null) {
            m.put("baseline", baseline.asMap());
        }
        m.put("reason", reason);
        return m;
    }
}
