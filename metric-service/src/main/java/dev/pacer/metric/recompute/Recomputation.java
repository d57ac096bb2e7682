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
        @Schema(description = "The step a running job is at (the last step reached once it ended; absent while "
                + "QUEUED): DAY_STATE — rebuilding the metric's day state from all its facts, aside (records keep "
                + "being applied meanwhile); VALUES — recomputing and publishing its values", example = "VALUES")
        Phase phase,
        @Schema(example = "definition changed to version 2") String reason,
        @Schema(example = "alice") String requestedBy,
        OffsetDateTime requestedAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        @Schema(description = "When the metric's day state for this version was ready (absent for kinds computed "
                + "straight from the facts, and until then)") OffsetDateTime stateBuiltAt,
        @Schema(description = "How many values changed (and were published)", example = "412") Integer valuesChanged,
        @Schema(description = "Why it failed; absent unless FAILED",
                example = "metric 'revenue' version 2 cannot be computed: division by zero") String error) {

    /** The job's state. */
    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED }

    /** A running job's step. */
    public enum Phase { DAY_STATE, VALUES }
}
