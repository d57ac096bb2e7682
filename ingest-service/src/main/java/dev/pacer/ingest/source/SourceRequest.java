package dev.pacer.ingest.source;

import dev.pacer.ingest.jdbc.JdbcSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A source to create, or the full new state of one (PUT). */
@Schema(name = "SourceRequest")
public record SourceRequest(
        @NotBlank @Size(max = 200) @Schema(description = "Unique name", example = "Northwind order lines")
        String name,
        @NotBlank @Size(max = 100) @Schema(description = "Key of the dataset the records belong to", example = "orders")
        String dataset,
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_.-]+")
        @Schema(description = "Department that owns the source; stewards manage the sources of their departments",
                example = "sales")
        String department,
        @Size(max = 100) @Schema(description = "The system records are published as coming from; default: the "
                + "dataset's own source system", example = "northwind-erp", nullable = true)
        String sourceSystem,
        @Size(max = 120) @Schema(description = "Quartz cron expression (with seconds) of scheduled runs; none: runs "
                + "only when asked", example = "0 0/15 * * * ?", nullable = true)
        String schedule,
        @Valid @NotNull @Schema(description = "The JDBC connection and what to read") JdbcSettings jdbc,
        @Schema(description = "Dataset field → source column, for columns not named like their field (others are "
                + "matched by name, ignoring case)", example = "{\"customer_id\": \"cust_code\"}", nullable = true)
        Map<@NotBlank String, @NotBlank String> mapping) {

    public Map<String, String> mappingOrEmpty() {
        return mapping == null ? Map.of() : mapping;
    }
}
