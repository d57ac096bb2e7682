package dev.pacer.alert.channel;

import dev.pacer.events.Severity;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A channel as the API returns it: everything but its secret (a webhook's; SMTP credentials are never a channel's). */
@Schema(name = "Channel")
public record ChannelView(
        @Schema(example = "0b6d8c3e-51f4-4a86-9f0e-2f9a3c7d1e22") UUID id,
        @Schema(example = "Sales on-call") String name,
        @Schema(example = "WEBHOOK") ChannelType type,
        @Schema(description = "WEBHOOK only", example = "https://hooks.example.com/pacer/sales") String url,
        @Schema(description = "EMAIL only", example = "[\"sales-oncall@example.com\"]") List<String> recipients,
        @Schema(example = "[\"sales\"]") List<String> departments,
        @Schema(example = "[\"WARNING\", \"CRITICAL\"]") List<Severity> severities,
        @Schema(example = "true") boolean enabled,
        @Schema(description = "The labels whose values make a notification group", example = "[\"rule\"]")
        List<String> groupBy,
        @Schema(description = "Absent: PT0S for CRITICAL alerts, PT30S otherwise", example = "PT30S")
        Duration groupWait,
        @Schema(example = "PT5M") Duration groupInterval,
        @Schema(example = "PT4H") Duration repeatInterval,
        @Schema(description = "Incremented by every change; send it back in If-Match to update", example = "1")
        int version,
        OffsetDateTime createdAt,
        @Schema(example = "alice") String createdBy,
        OffsetDateTime updatedAt,
        @Schema(example = "alice") String updatedBy) {
}
