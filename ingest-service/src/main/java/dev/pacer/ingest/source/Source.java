package dev.pacer.ingest.source;

import dev.pacer.ingest.http.HttpSettings;
import dev.pacer.ingest.jdbc.CursorPosition;
import dev.pacer.ingest.jdbc.JdbcSettings;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A configured source, as the API shows it (credentials never included). */
@Schema(name = "Source")
public record Source(
        @Schema(example = "3f0c6a0e-8a4e-4f57-9d0b-2b9a3c1d7e55") UUID id,
        @Schema(example = "Northwind order lines") String name,
        @Schema(example = "orders") String dataset,
        @Schema(example = "sales") String department,
        @Schema(description = "The kind of connector", example = "JDBC") String kind,
        @Schema(example = "northwind-erp", nullable = true) String sourceSystem,
        @Schema(description = "JDBC sources: the settings, without the password", nullable = true) JdbcSettings jdbc,
        @Schema(description = "Whether a credential is stored: the JDBC password, or the HTTP auth value (it is never "
                + "returned)", example = "true")
        boolean passwordSet,
        @Schema(description = "WEBHOOK sources: where deliveries go", nullable = true) Webhook webhook,
        @Schema(description = "HTTP sources: the settings, without the auth value", nullable = true) HttpSettings http,
        @Schema(description = "Dataset field → source column (HTTP, WEBHOOK: path in the JSON record)", example = "{\"customer_id\": \"cust_code\"}")
        Map<String, String> mapping,
        @Schema(example = "0 0/15 * * * ?", nullable = true) String schedule,
        @Schema(description = "A paused source runs only when asked", example = "false") boolean paused,
        @Schema(description = "When the schedule runs it next (absent when paused or unscheduled)", nullable = true,
                example = "2026-11-27T09:15:00Z")
        OffsetDateTime nextRunAt,
        @Schema(description = "Where the next incremental run starts; absent before the first", nullable = true)
        CursorPosition cursor,
        @Schema(description = "Version, also the ETag", example = "1") int version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Where a WEBHOOK source receives deliveries, and whether its signing secret is set (it is never returned). */
    @Schema(name = "SourceWebhook")
    public record Webhook(
            @Schema(description = "Path of the endpoint senders post signed deliveries to",
                    example = "/webhooks/3f0c6a0e-8a4e-4f57-9d0b-2b9a3c1d7e55") String endpoint,
            @Schema(example = "true") boolean signingSecretSet) {
    }
}
