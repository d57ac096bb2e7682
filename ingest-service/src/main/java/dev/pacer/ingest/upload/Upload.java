package dev.pacer.ingest.upload;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An upload job as the API shows it. */
@Schema(name = "Upload")
public record Upload(
        UUID id,
        @Schema(example = "orders") String dataset,
        @Schema(example = "orders_2024.csv", nullable = true) String fileName,
        @Schema(description = "CSV or XLSX", example = "CSV") String format,
        @Schema(description = "The encoding the file was read with", example = "GB18030") String encoding,
        @Schema(example = "143147") long sizeBytes,
        @Schema(example = "SUCCEEDED") UploadStatus status,
        @Schema(description = "Data rows in the file", example = "2155") int rowsTotal,
        @Schema(description = "Rows published to pacer.records", example = "2152") int rowsSucceeded,
        @Schema(description = "Rows refused, each with its reason under /uploads/{id}/rows", example = "3")
        int rowsFailed,
        @Schema(description = "Why the job failed", nullable = true,
                example = "orders.xlsx is not an XLSX workbook (no zip signature)") String message,
        OffsetDateTime createdAt,
        @Schema(description = "Absent while the job is going on", nullable = true, example = "2026-11-27T09:16:03Z")
        OffsetDateTime finishedAt) {
}
