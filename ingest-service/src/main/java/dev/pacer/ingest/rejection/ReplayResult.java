package dev.pacer.ingest.rejection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A replayed rejection: its record is on pacer.records and it left the quarantine. */
@Schema(name = "ReplayResult")
public record ReplayResult(
        @Schema(example = "981") long id,
        @Schema(example = "orders") String dataset,
        @Schema(example = "10248|42") String primaryKey,
        @Schema(description = "The source version it was published with", example = "1767225600000000")
        long sourceVersion) {
}
