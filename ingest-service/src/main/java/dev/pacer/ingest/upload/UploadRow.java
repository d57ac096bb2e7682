package dev.pacer.ingest.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of one data row of an uploaded file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "UploadRow")
public record UploadRow(
        @Schema(description = "1-based data row (the header is not counted)", example = "17") int row,
        @Schema(description = "The file line the row starts on (CSV), or its sheet row (XLSX)", example = "18")
        long line,
        @Schema(example = "FAILED") String status,
        @Schema(description = "The record's primary key, when its key fields were valid", example = "10253|31",
                nullable = true)
        String primaryKey,
        @Schema(description = "Why the row was refused", example = "field 'quantity' must be a whole number, not the "
                + "string \"twelve\"", nullable = true)
        String reason) {
}
