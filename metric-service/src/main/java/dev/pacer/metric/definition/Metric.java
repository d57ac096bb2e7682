package dev.pacer.metric.definition;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A metric as the API returns it. */
@Schema(name = "Metric")
public record Metric(
        @Schema(example = "revenue") String key,
        @Schema(description = "Incremented by every change; send it back in If-Match", example = "3") int version,
        Lifecycle status,
        MetricDefinition definition,
        OffsetDateTime createdAt,
        @Schema(example = "alice") String createdBy,
        OffsetDateTime updatedAt,
        @Schema(example = "alice") String updatedBy) {
}
