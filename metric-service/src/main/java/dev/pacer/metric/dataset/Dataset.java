package dev.pacer.metric.dataset;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A dataset as the API returns it: its key, current version and definition, and who made it. */
@Schema(name = "Dataset")
public record Dataset(
        @Schema(example = "orders") String key,
        @Schema(description = "Incremented by every change; send it back in If-Match to update", example = "1")
        int version,
        DatasetDefinition definition,
        OffsetDateTime createdAt,
        @Schema(example = "alice") String createdBy,
        OffsetDateTime updatedAt,
        @Schema(example = "alice") String updatedBy) {
}
