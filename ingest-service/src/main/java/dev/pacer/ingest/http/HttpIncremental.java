package dev.pacer.ingest.http;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Incremental reading of an HTTP source: the largest value of a record field seen in a complete run is the cursor,
 * sent in a request parameter on the next run so that the API returns only what changed since.
 */
@Schema(name = "HttpIncremental", description = "Incremental reading: a change field of the records and the request "
        + "parameter the API filters by")
public record HttpIncremental(
        @NotBlank @Size(max = 500)
        @Schema(description = "Path of the record field that grows when a record changes (a timestamp in ISO-8601 or "
                + "a number); the largest value of a complete run is the cursor", example = "updated_at")
        String field,
        @NotBlank @Size(max = 100)
        @Schema(description = "Request parameter the cursor is sent in on the next run (the first run sends none)",
                example = "updated_since")
        String param) {
}
