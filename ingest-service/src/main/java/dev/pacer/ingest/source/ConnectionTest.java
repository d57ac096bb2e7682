package dev.pacer.ingest.source;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of testing a source's connection. */
@Schema(name = "ConnectionTest")
public record ConnectionTest(
        @Schema(description = "Whether the source could be connected to and its table or query (HTTP: its first page) read", example = "true")
        boolean ok,
        @Schema(example = "Connected; the source returns 8 columns") String message,
        @Schema(description = "The columns the source returns (HTTP: the members of the first record)", example = "[\"order_id\", \"product_id\"]")
        List<String> columns) {
}
