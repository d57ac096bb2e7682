package dev.pacer.ingest.push;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One record of a batch that was refused. */
@Schema(name = "PushRejection")
public record PushRejection(
        @Schema(description = "0-based position of the record in the batch (array element, or non-blank NDJSON line)",
                example = "1")
        int index,
        @Schema(description = "The record's primary key, when its key fields were valid", example = "10249|42",
                nullable = true)
        String primaryKey,
        @Schema(description = "Why it was refused; names every offending field",
                example = "field 'unit_price' must be a decimal number, not the string \"abc\"")
        String reason) {
}
