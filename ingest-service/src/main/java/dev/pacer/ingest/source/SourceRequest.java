package dev.pacer.ingest.source;

import dev.pacer.ingest.http.HttpSettings;
import dev.pacer.ingest.jdbc.JdbcSettings;
import dev.pacer.ingest.mapping.MappingExpression;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
        @Valid @Schema(description = "JDBC sources: the connection and what to read", nullable = true)
        JdbcSettings jdbc,
        @Schema(description = "Dataset field → source column (JDBC) or JSON path (WEBHOOK), for values not named "
                + "like their field (others are matched by name, ignoring case); or → `=expression` computing the "
                + "field from the row, like a spreadsheet formula (`=unit_price * quantity * (1 - discount)`, `='CN'`, "
                + "`=upper(trim(customer_id))`, `=date(order_date_text, 'dd.MM.yyyy')`, "
                + "`=if(amount > 10000, true, false)`). " + MappingExpression.SYNTAX_HELP + " An expression that does "
                + "not parse is a 400 naming `mapping.<field>` when the source is saved; its columns are checked when "
                + "the source is read (preview, runs).",
                example = "{\"customer_id\": \"cust_code\", \"unit_price\": \"=round(price * (1 - rebate), 2)\", "
                        + "\"ship_country\": \"='CN'\"}", nullable = true)
        Map<@NotBlank String, @NotBlank String> mapping,
        @Schema(description = "The kind of connector (default JDBC): JDBC pulls from a database; HTTP pulls from a "
                + "paginated JSON API; WEBHOOK receives signed deliveries at POST /webhooks/{id}. The mapping values "
                + "of HTTP and WEBHOOK sources are paths in the JSON records, e.g. customer.id",
                enumeration = {"JDBC", "HTTP", "WEBHOOK"}, example = "JDBC", nullable = true)
        String kind,
        @Valid @Schema(description = "WEBHOOK sources: the signing secret", nullable = true)
        WebhookSettings webhook,
        @Valid @Schema(description = "HTTP sources: the API, its credential, where the records are and how to page",
                nullable = true)
        HttpSettings http) {

    /** The kind asked for: JDBC unless named. */
    public String kindOrDefault() {
        return kind == null ? SourceService.KIND_JDBC : kind;
    }

    public Map<String, String> mappingOrEmpty() {
        return mapping == null ? Map.of() : mapping;
    }
}
