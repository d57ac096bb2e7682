package dev.pacer.ingest.webhook;

import dev.pacer.ingest.push.BatchFormat;
import dev.pacer.ingest.push.PushAnswer;
import dev.pacer.ingest.push.PushResource;
import dev.pacer.ingest.push.PushResult;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Deliveries of SaaS systems to WEBHOOK sources, authenticated by their HMAC signature instead of a JWT. */
@Path("/webhooks")
@Tag(name = "Webhooks", description = "Signed deliveries of records from SaaS systems to WEBHOOK sources")
public class WebhookResource {
    private static final String PROBLEM = "application/problem+json";
    private static final String EXAMPLE_OBJECT = """
            {"event": "order.updated", "order": {"id": 10248, "customer": "VINET", "date": "1996-07-04"},
             "product_id": 11, "unit_price": 14.00, "quantity": 12}""";
    private static final String EXAMPLE_RESULT = """
            {
              "dataset": "orders",
              "sourceSystem": "shopify",
              "sourceVersion": 1767225600000000,
              "accepted": 1,
              "rejected": 0,
              "rejections": []
            }""";

    private final WebhookService webhooks;

    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Path("/{sourceId}")
    @PermitAll
    @SecurityRequirementsSet
    @Consumes({MediaType.APPLICATION_JSON, BatchFormat.NDJSON_TYPE})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a signed delivery for a WEBHOOK source",
            description = "No JWT: the delivery is authenticated by its signature. The sender signs each delivery "
                    + "with the source's signing secret: `" + WebhookSignature.TIMESTAMP_HEADER + "` is the time of "
                    + "signing in Unix seconds, and `" + WebhookSignature.SIGNATURE_HEADER + "` is `sha256=` and the "
                    + "lowercase hex HMAC-SHA256 of the timestamp, a dot and the raw body "
                    + "(`HMAC(secret, timestamp + \".\" + body)`). A timestamp more than 5 minutes from the server's "
                    + "time is refused, so a captured delivery cannot be replayed later.\n\n"
                    + "The body is one JSON object, an array of them, or NDJSON (`application/x-ndjson`). Each object "
                    + "is mapped by the source's mapping (dataset field → path such as `order.customer`, or → "
                    + "`=expression` over paths such as `=order.price * order.qty` or `=upper(order.customer)`, see "
                    + "SourceRequest.mapping; other fields from members of their own name; other members ignored), checked against the dataset's schema "
                    + "and published to pacer.records keyed by dataset and primary key, so a re-delivery never "
                    + "double-counts. The answer comes after Kafka holds every accepted record (acks=all); refused "
                    + "records are listed with their reasons and kept in the quarantine.\n\n"
                    + "With `" + WebhookSignature.DELIVERY_HEADER + "` (the sender's delivery id, the same on its "
                    + "retries), a repeated delivery returns the first answer and publishes nothing again.")
    @APIResponse(responseCode = "200", description = "The delivery was processed; every accepted record is in Kafka",
            headers = @Header(name = PushResource.REPLAYED, description = "`true` when this is the stored answer of "
                    + "an earlier delivery with the same delivery id", schema = @Schema(type = SchemaType.BOOLEAN)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PushResult.class),
                    examples = @ExampleObject(name = "one record accepted", value = EXAMPLE_RESULT)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, or a malformed delivery id",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "401", description = "The signature or timestamp header is missing, the timestamp "
            + "is outside the 5-minute window, or the signature does not match; nothing is published",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "404", description = "No WEBHOOK source with this id",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "409", description = "The source is paused, or a delivery with this id is still "
            + "being processed; deliver again later",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "413", description = "More records than the batch limit, or a body over the size limit",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "422", description = "The delivery id was used for a different body",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the records; deliver again",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response receive(
            @Parameter(description = "Id of the WEBHOOK source", example = "3f0c6a0e-8a4e-4f57-9d0b-2b9a3c1d7e55")
            @PathParam("sourceId") UUID sourceId,
            @Parameter(description = "When the delivery was signed, in Unix seconds", required = true,
                    example = "1767225600")
            @HeaderParam(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
            @Parameter(description = "`sha256=` and the hex HMAC-SHA256 of timestamp + \".\" + body", required = true,
                    example = "sha256=4c1f0a9d3e8b7c6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa9988")
            @HeaderParam(WebhookSignature.SIGNATURE_HEADER) String signature,
            @Parameter(description = "The sender's delivery id, the same on its retries (1–255 visible ASCII)",
                    example = "evt_1Q2w3E4r5T6y")
            @HeaderParam(WebhookSignature.DELIVERY_HEADER) String deliveryId,
            @Context HttpHeaders headers,
            @RequestBody(required = true, description = "One JSON object, an array of objects, or NDJSON",
                    content = {
                        @Content(mediaType = MediaType.APPLICATION_JSON,
                                schema = @Schema(type = SchemaType.OBJECT, implementation = Map.class),
                                examples = @ExampleObject(name = "an order line event", value = EXAMPLE_OBJECT)),
                        @Content(mediaType = BatchFormat.NDJSON_TYPE, schema = @Schema(type = SchemaType.STRING))})
            byte[] body) {
        PushAnswer answer = webhooks.receive(new WebhookService.Delivery(sourceId,
                BatchFormat.of(headers.getMediaType()), body, timestamp, signature, deliveryId));
        if (answer.isReplay()) {
            return Response.ok(answer.replayedJson(), MediaType.APPLICATION_JSON)
                    .header(PushResource.REPLAYED, "true").build();
        }
        return Response.ok(answer.result(), MediaType.APPLICATION_JSON).build();
    }
}
