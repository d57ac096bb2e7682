package dev.pacer.alert.rule;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * An enabled rule as the evaluator uses it: the domain {@link AlertRule} with its scope and owners.
 *
 * @param freshnessExpectation for staleness rules, the age beyond which a metric's data is stale; null otherwise
 */
public record StoredRule(UUID id, RuleKind kind, RuleScope scope, List<String> departments, AlertRule rule,
        Duration freshnessExpectation, boolean enabled) {
}
