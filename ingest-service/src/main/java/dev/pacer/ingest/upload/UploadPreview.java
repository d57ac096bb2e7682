package dev.pacer.ingest.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The first rows of a file as an upload would map and check them; nothing is stored or published. */
@Schema(name = "UploadPreview")
public record UploadPreview(
        @Schema(description = "Key of the dataset the rows would belong to", example = "orders") String dataset,
        @Schema(description = "How the file was read", example = "CSV") String format,
        @Schema(description = "The encoding the file was read in (CSV)", example = "UTF-8", nullable = true)
        String encoding,
        @Schema(description = "The header's column names",
                example = "[\"order_id\", \"product_id\", \"unit_price\", \"quantity\"]") List<String> columns,
        @Schema(description = "How many data rows the file has", example = "2155") int rowsTotal,
        @Schema(description = "The first rows, mapped (computed fields included) and checked against the dataset's "
                + "schema") List<Row> rows) {

    /** One data row: the record it maps to, and whether the dataset's schema accepts it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "UploadPreviewRow")
    public record Row(
            @Schema(description = "1-based data row (the header is not counted)", example = "1") int row,
            @Schema(description = "The file line the row starts on (CSV), or its sheet row (XLSX)", example = "2")
            long line,
            @Schema(description = "Whether the row would be published", example = "false") boolean accepted,
            @Schema(description = "The record's primary key, when its key fields are valid", example = "10248|11",
                    nullable = true)
            String primaryKey,
            @Schema(description = "The record as mapped from the row (dataset field → value); a field an expression "
                    + "could not compute is null", nullable = true,
                    example = "{\"order_id\": 10248, \"product_id\": 11, \"unit_price\": null, \"quantity\": 12}")
            Map<String, Object> record,
            @Schema(description = "Why the row would be refused", nullable = true,
                    example = "field 'unit_price' could not be computed: 'price' is not a number: the string \"14x\"")
            String reason) {
    }
}
