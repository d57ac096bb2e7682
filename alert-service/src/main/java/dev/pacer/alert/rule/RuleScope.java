package dev.pacer.alert.rule;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which events a rule judges. */
@Schema(name = "RuleScope", description = "What a rule watches: a metric, a goal, a goal and everything below it, or "
        + "the goals of a department. Metric kinds (threshold, change, anomaly, staleness) need a METRIC scope.")
public record RuleScope(
        @Schema(example = "GOAL_SUBTREE") @NotNull ScopeType type,
        @Schema(description = "The metric key, goal id or department code", example = "g-2026-revenue")
        @NotBlank @Size(max = 200) String key) {
}
