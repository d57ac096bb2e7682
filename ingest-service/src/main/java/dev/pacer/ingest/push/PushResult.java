package dev.pacer.ingest.push;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a pushed batch: every accepted record is durably on {@code pacer.records}. */
@Schema(name = "PushResult")
public record PushResult(
        @Schema(example = "orders") String dataset,
        @Schema(description = "The source system the records were published with", example = "northwind-erp")
        String sourceSystem,
        @Schema(description = "The source version the records were published with (the highest version wins downstream)",
                example = "1767225600000000")
        long sourceVersion,
        @Schema(description = "Records published to pacer.records", example = "2") int accepted,
        @Schema(description = "Records refused (also kept in the quarantine)", example = "1") int rejected,
        @Schema(description = "Each refused record, in batch order") List<PushRejection> rejections) {
}
