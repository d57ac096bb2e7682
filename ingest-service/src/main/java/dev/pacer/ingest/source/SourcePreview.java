package dev.pacer.ingest.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The first rows of a source as they would be published, before the source is saved. */
@Schema(name = "SourcePreview")
public record SourcePreview(
        @Schema(description = "Whether the source could be read", example = "true") boolean ok,
        @Schema(description = "Why it could not be read", nullable = true,
                example = "Cannot connect to the source database: The connection attempt failed.") String message,
        @Schema(description = "The columns the source returns",
                example = "[\"order_id\", \"customer_id\", \"order_date\"]") List<String> columns,
        @Schema(description = "The first rows, mapped and checked against the dataset's schema") List<Row> rows) {

    /** One row: the record it maps to, and whether the dataset's schema accepts it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SourcePreviewRow")
    public record Row(
            @Schema(description = "0-based position in the source", example = "0") int index,
            @Schema(description = "The record's primary key, when its key fields are valid", example = "10248|11",
                    nullable = true)
            String primaryKey,
            @Schema(description = "Whether the record would be published", example = "true") boolean accepted,
            @Schema(description = "The record as mapped from the row (dataset field → value)")
            Map<String, Object> record,
            @Schema(description = "Why the record would be refused", nullable = true,
                    example = "missing required field 'customer_id'")
            String reason) {
    }
}
