package dev.pacer.ingest.push;

import dev.pacer.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Batch push: source systems send records of a dataset, which are checked and published to {@code pacer.records}. */
@Path("/ingest")
@Tag(name = "Ingest", description = "Records pushed by source systems")
public class PushResource {
    /** Response header set when the answer is the stored one of an earlier request with the same Idempotency-Key. */
    public static final String REPLAYED = "Idempotent-Replayed";

    static final String EXAMPLE_ARRAY = """
            [
              {"order_id": 10248, "product_id": 11, "customer_id": "VINET", "order_date": "1996-07-04",
               "unit_price": 14.00, "quantity": 12, "discount": 0.15},
              {"order_id": 10248, "product_id": 42, "customer_id": "VINET", "order_date": "1996-07-04",
               "unit_price": "9.80", "quantity": 10},
              {"_op": "delete", "order_id": 10249, "product_id": 14}
            ]""";
    static final String EXAMPLE_RESULT = """
            {
              "dataset": "orders",
              "sourceSystem": "northwind-erp",
              "sourceVersion": 1767225600000000,
              "accepted": 2,
              "rejected": 1,
              "rejections": [
                {"index": 1, "primaryKey": "10248|42",
                 "reason": "field 'unit_price' must be a decimal number, not the string \\"9.80\\""}
              ]
            }""";

    private final PushService push;

    public PushResource(PushService push) {
        this.push = push;
    }

    @POST
    @Path("/{dataset}")
    @Consumes({MediaType.APPLICATION_JSON, BatchFormat.NDJSON_TYPE})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INTEGRATION, Roles.ADMIN})
    @Operation(summary = "Push a batch of records",
            description = "Checks each record against the dataset's schema (from pacer.catalog) and publishes the valid "
                    + "ones to pacer.records as RecordChanged events keyed `dataset:primaryKey`, so re-sending never "
                    + "double-counts. Answers only after Kafka durably holds every accepted record (acks=all); on a "
                    + "Kafka failure the answer is 503 (with `Retry-After`) and the request can be retried as is.\n\n"
                    + "A record is a JSON object of dataset fields: STRING as a string, INTEGER as a whole number, "
                    + "DECIMAL as a number (kept exactly), BOOLEAN as true/false, DATE as `yyyy-MM-dd`, TIMESTAMP as "
                    + "ISO-8601 with offset (without one, the configured zone applies). `\"_op\": \"delete\"` with only "
                    + "the primary key fields deletes a record. Refused records (unknown or missing fields, wrong types, "
                    + "unparsable dates) do not fail the batch: they are listed in the answer with their reasons and "
                    + "kept in the quarantine.\n\n"
                    + "With an `Idempotency-Key`, repeating the same request returns the first answer and publishes "
                    + "nothing again; using the key for a different request is a 422.")
    @APIResponse(responseCode = "200", description = "The batch was processed; every accepted record is in Kafka",
            headers = @Header(name = REPLAYED, description = "`true` when this is the stored answer of an earlier "
                    + "request with the same Idempotency-Key", schema = @Schema(type = SchemaType.BOOLEAN)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PushResult.class),
                    examples = @ExampleObject(name = "one of three records refused", value = EXAMPLE_RESULT)))
    @APIResponse(responseCode = "404", description = "The dataset is not in the catalog",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is still running",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "413", description = "More records than the batch limit (10,000 by default), or a "
            + "body over the size limit",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the records; nothing is acknowledged "
            + "and no idempotency entry is kept: retry the same request after the `Retry-After` seconds",
            headers = @Header(name = RecordPublisher.RETRY_AFTER, description = "Seconds to wait before retrying",
                    schema = @Schema(type = SchemaType.INTEGER, example = "5")),
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response push(
            @Parameter(description = "Key of the dataset the records belong to", example = "orders")
            @PathParam("dataset") String dataset,
            @Parameter(description = "The system the records come from; default: the dataset's own source system",
                    example = "northwind-erp")
            @QueryParam("sourceSystem") String sourceSystem,
            @Parameter(description = "Version of the records in the source (the highest wins downstream); default: "
                    + "the time of the push in epoch microseconds, so the last push wins",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"),
                    example = "1767225600000000")
            @QueryParam("sourceVersion") String sourceVersion,
            @Parameter(description = "Makes a retry safe: the same key with the same request returns the first answer "
                    + "without publishing again (kept for a day, per caller)",
                    example = "7f1d2c1e-5b1a-4c47-9a53-2b8f0f3f6c10")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context HttpHeaders headers,
            @RequestBody(required = true, description = "The records: a JSON array, or NDJSON (one record per line)",
                    content = {
                        @Content(mediaType = MediaType.APPLICATION_JSON,
                                schema = @Schema(type = SchemaType.ARRAY, implementation = Map.class,
                                        description = "Records: JSON objects of dataset fields"),
                                examples = @ExampleObject(name = "two upserts and a delete", value = EXAMPLE_ARRAY)),
                        // its example is in META-INF/openapi.yaml: annotation examples that look like JSON are
                        // parsed as one JSON value, which would keep only the first line
                        @Content(mediaType = BatchFormat.NDJSON_TYPE, schema = @Schema(type = SchemaType.STRING))})
            byte[] body) {
        PushAnswer answer = push.push(new PushRequest(dataset, BatchFormat.of(headers.getMediaType()), body,
                sourceSystem, sourceVersion, idempotencyKey));
        if (answer.isReplay()) {
            return Response.ok(answer.replayedJson(), MediaType.APPLICATION_JSON).header(REPLAYED, "true").build();
        }
        return Response.ok(answer.result(), MediaType.APPLICATION_JSON).build();
    }
}
