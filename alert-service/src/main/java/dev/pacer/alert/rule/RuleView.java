package dev.pacer.alert.rule;

import dev.pacer.events.Severity;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rule as the API returns it. */
@Schema(name = "Rule")
public record RuleView(
        @Schema(example = "5b0e2a64-7d1c-4a4e-9f3b-1f2d3c4b5a69") UUID id,
        @Schema(example = "RevenueBehindPace") String name,
        @Schema(example = "GOAL_PACE") RuleKind kind,
        RuleParameters parameters,
        RuleScope scope,
        @Schema(example = "[\"sales\"]") List<String> departments,
        @Schema(example = "CRITICAL") Severity severity,
        @Schema(example = "{\"team\": \"emea\"}") Map<String, String> labels,
        @Schema(example = "PT10M") Duration pendingFor,
        @Schema(example = "PT5M") Duration keepFiringFor,
        @Schema(example = "true") boolean enabled,
        @Schema(description = "Incremented by every change; send it back in If-Match to update", example = "1")
        int version,
        OffsetDateTime createdAt,
        @Schema(example = "alice") String createdBy,
        OffsetDateTime updatedAt,
        @Schema(example = "alice") String updatedBy) {
}
