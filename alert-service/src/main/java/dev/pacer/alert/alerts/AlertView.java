package dev.pacer.alert.alerts;

import dev.pacer.events.AlertState;
import dev.pacer.events.Severity;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An alert (one pending → firing → resolved cycle of a rule on a subject) as the API returns it. */
@Schema(name = "Alert")
public record AlertView(
        @Schema(example = "3f1c0a9b8e7d6c5b4a39281706f5e4d3-1") String id,
        @Schema(description = "Rule + subject; the same for every cycle", example = "3f1c0a9b8e7d6c5b4a39281706f5e4d3")
        String fingerprint,
        @Schema(example = "1") int cycle,
        UUID ruleId,
        @Schema(example = "RevenueBehindPace") String ruleName,
        @Schema(example = "CRITICAL") Severity severity,
        @Schema(example = "FIRING") AlertState state,
        @Schema(example = "goal") String subjectKind,
        @Schema(example = "g-2026-revenue") String subjectId,
        @Schema(example = "{}") Map<String, String> dimensions,
        @Schema(example = "[\"sales\"]") List<String> departments,
        @Schema(example = "{\"alertname\": \"RevenueBehindPace\", \"severity\": \"critical\", \"department\": \"sales\"}")
        Map<String, String> labels,
        @Schema(description = "Why it is in its state",
                example = "新增客户数 is OFF_TRACK: 785 against 1,088 expected by now") String reason,
        @Schema(description = "The latest verdict: value, expectation, baseline, reason, ruleKind",
                example = "{\"value\": 785, \"expectation\": 1088, \"ruleKind\": \"GOAL_PACE\"}")
        Map<String, Object> evidence,
        OffsetDateTime startedAt,
        OffsetDateTime firedAt,
        OffsetDateTime resolvedAt,
        @Schema(description = "Who acknowledged it, if anyone") Acknowledgement acknowledgement,
        OffsetDateTime updatedAt) {

    /** Someone is on it. */
    @Schema(name = "AlertAcknowledgement")
    public record Acknowledgement(@Schema(example = "mia") String by, @Schema(example = "Calling the EMEA leads") String note,
            OffsetDateTime at) {
    }
}
