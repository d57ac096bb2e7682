package dev.pacer.ingest.source;

import dev.pacer.ingest.jdbc.CursorPosition;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One run of a source. */
@Schema(name = "SourceRun")
public record SourceRun(
        @Schema(example = "42") long id,
        UUID sourceId,
        @Schema(example = "MANUAL") RunTrigger trigger,
        @Schema(example = "SUCCEEDED") RunStatus status,
        OffsetDateTime startedAt,
        @Schema(description = "Absent while the run is going on", nullable = true, example = "2026-11-27T09:15:42Z")
        OffsetDateTime finishedAt,
        @Schema(description = "Rows read from the source", example = "2155") long rowsRead,
        @Schema(description = "Upserts published to pacer.records and acknowledged", example = "2155") long published,
        @Schema(description = "Tombstones published for keys that vanished (full refresh)", example = "0")
        long deleted,
        @Schema(description = "Rows refused by the dataset's schema (kept in the quarantine)", example = "0")
        long rejected,
        @Schema(description = "The cursor the run started from", nullable = true) CursorPosition cursorBefore,
        @Schema(description = "The cursor saved by the run", nullable = true) CursorPosition cursorAfter,
        @Schema(description = "Why the run failed", nullable = true,
                example = "Cannot connect to the source database: The connection attempt failed. "
                        + "(UnknownHostException: erp.invalid)")
        String message) {
}
