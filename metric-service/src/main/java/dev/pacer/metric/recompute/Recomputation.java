package dev.pacer.metric.recompute;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A background recomputation of a metric's history after its definition changed. */
@Schema(name = "Recomputation")
public record Recomputation(
        UUID id,
        @Schema(example = "revenue") String metricKey,
        @Schema(example = "2") int metricVersion,
        @Schema(description = "QUEUED → RUNNING → SUCCEEDED or FAILED") Status status,
        @Schema(example = "definition changed to version 2") String reason,
        @Schema(example = "alice") String requestedBy,
        OffsetDateTime requestedAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        @Schema(description = "How many values changed (and were published)", example = "412") Integer valuesChanged,
        @Schema(description = "Why it failed; absent unless FAILED",
                example = "metric 'revenue' version 2 cannot be computed: division by zero") String error) {

    /** The job's state. */
    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED }
}
