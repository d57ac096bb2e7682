package dev.pacer.alert.rule;

import dev.pacer.events.Severity;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A rule: a condition with its severity, labels, and the timing of the alerts it raises.
 *
 * @param pendingFor    how long a breach must last before its alert fires (0: fires on the first breach)
 * @param keepFiringFor how long the condition must have been clear before a firing alert resolves (0: at once)
 */
public record AlertRule(String id, String name, Severity severity, Map<String, String> labels,
        RuleCondition condition, Duration pendingFor, Duration keepFiringFor) {

    public AlertRule {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(condition, "condition");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        pendingFor = pendingFor == null ? Duration.ZERO : pendingFor;
        keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
        if (pendingFor.isNegative() || keepFiringFor.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }
}
