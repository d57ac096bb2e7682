package dev.pacer.metric.definition;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One immutable version of a metric. */
@Schema(name = "MetricVersion")
public record MetricVersion(
        @Schema(example = "revenue") String key,
        @Schema(example = "2") int version,
        Lifecycle status,
        MetricDefinition definition,
        @Schema(example = "Discounts are now netted out") String reason,
        @Schema(example = "alice") String author,
        @Schema(description = "From when the definition applies", example = "2026-01-01") LocalDate effectiveDate,
        OffsetDateTime createdAt) {
}
