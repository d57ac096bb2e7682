package dev.pacer.ingest.rejection;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A record refused at ingestion, kept in the quarantine until it is fixed and replayed. */
@Schema(name = "Rejection")
public record Rejection(
        @Schema(example = "981") long id,
        @Schema(example = "orders") String dataset,
        @Schema(description = "How it arrived: push, source:<id> or upload:<id>", example = "push") String source,
        @Schema(description = "Its position in the batch, run or file", example = "1") int recordIndex,
        @Schema(example = "10248|42", nullable = true) String primaryKey,
        @Schema(description = "The record as it arrived (or as its row was mapped)",
                example = "{\"order_id\": 10248, \"product_id\": 42, \"unit_price\": \"9.80\"}")
        Object record,
        @Schema(example = "field 'unit_price' must be a decimal number, not the string \"9.80\"") String reason,
        OffsetDateTime receivedAt) {
}
