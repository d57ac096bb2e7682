package dev.pacer.alert.rule;

import dev.pacer.events.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an admin or manager writes to create or replace an alert rule. */
@Schema(name = "RuleDefinition", description = "An alert rule: a condition of one kind, what it watches, who owns "
        + "it, how severe its alerts are and how long a breach must last before anyone is told")
public record RuleDefinition(
        @Schema(description = "Display name; the alert's `alertname` label", example = "RevenueBehindPace")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "The kind of condition", example = "GOAL_PACE") @NotNull RuleKind kind,
        @Schema(description = "The kind's parameters") @Valid RuleParameters parameters,
        @Schema(description = "What it watches") @NotNull @Valid RuleScope scope,
        @Schema(description = "Departments that own it: who may manage it, and whose alerts a metric rule raises; "
                + "a manager may name only their own", example = "[\"sales\"]")
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> departments,
        @Schema(example = "CRITICAL") @NotNull Severity severity,
        @Schema(description = "Extra labels of its alerts (for silences and receivers)", example = "{\"team\": \"emea\"}")
        @Size(max = 30) Map<String, String> labels,
        @Schema(description = "How long a breach must last before the alert fires (PT0S: at once)",
                example = "PT10M", defaultValue = "PT0S") Duration pendingFor,
        @Schema(description = "How long the condition must be clear before a firing alert resolves",
                example = "PT5M", defaultValue = "PT0S") Duration keepFiringFor,
        @Schema(description = "Whether it is evaluated; true when absent", defaultValue = "true") Boolean enabled) {
}
