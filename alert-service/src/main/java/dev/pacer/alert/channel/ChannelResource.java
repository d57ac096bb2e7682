package dev.pacer.alert.channel;

import dev.pacer.alert.notify.DeliveryLog;
import dev.pacer.alert.notify.DeliveryView;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.rest.ETags;
import dev.pacer.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Notification channels: signed webhooks or e-mail that receive the alerts of some departments and severities. */
@Path("/channels")
@Tag(name = "Channels", description = "Where alerts are sent: HMAC-signed webhooks or e-mail over SMTP, by department "
        + "and severity, grouped by labels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {
    static final String EXAMPLE = """
            {
              "name": "Sales on-call",
              "type": "WEBHOOK",
              "url": "https://hooks.example.com/pacer/sales",
              "secret": "whsec_4f0c9b7e2a1d4c8b9e6f",
              "departments": ["sales"],
              "severities": ["WARNING", "CRITICAL"],
              "enabled": true
            }""";
    static final String EMAIL_EXAMPLE = """
            {
              "name": "Sales leads by mail",
              "type": "EMAIL",
              "recipients": ["sales-oncall@example.com", "mia@example.com"],
              "departments": ["sales"],
              "severities": ["CRITICAL"],
              "groupBy": ["department", "severity"],
              "groupWait": "PT30S"
            }""";
    static final String NO_SMTP_EXAMPLE = """
            {
              "type": "https://pacer.dev/problems/validation",
              "title": "Invalid request",
              "status": 400,
              "detail": "type: EMAIL channels need the service's SMTP server, and none is configured: the \
            operator sets PACER_ALERT_SMTP_HOST (pacer.alert.smtp.host)",
              "instance": "/channels",
              "errors": [{"field": "type", "message": "EMAIL channels need the service's SMTP server, and none is \
            configured: the operator sets PACER_ALERT_SMTP_HOST (pacer.alert.smtp.host)"}]
            }""";
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final ChannelService channels;
    private final DeliveryLog deliveries;

    public ChannelResource(ChannelService channels, DeliveryLog deliveries) {
        this.channels = channels;
        this.deliveries = deliveries;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Create a channel", description = "A WEBHOOK channel (the default type) POSTs each "
            + "notification group as JSON to its url; the secret signs every delivery (`X-Pacer-Signature: "
            + "t=<unix>,v1=<hex HMAC-SHA256 of \"t.body\">`), is stored encrypted and never returned. An EMAIL "
            + "channel mails each group to its recipients over the service's SMTP server (subject like `[FIRING:2] "
            + "CRITICAL <rule> — Pacer`, text and HTML, `Message-ID` from the delivery id, `X-Pacer-Delivery`); "
            + "while the service has no SMTP server configured, an EMAIL channel is refused with 400 naming `type`. "
            + "Both go through the same durable delivery queue (retries with backoff, attempt log). A manager may "
            + "only name their own departments.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ChannelDefinition.class),
            examples = {@ExampleObject(name = "sales-on-call", summary = "A signed webhook", value = EXAMPLE),
                @ExampleObject(name = "sales-by-mail", summary = "E-mail, grouped by department and severity",
                        value = EMAIL_EXAMPLE)}))
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location", description = "URL of the new channel"),
                @Header(name = "ETag", description = "Its version, for If-Match")},
            content = @Content(schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid, e.g. an EMAIL channel while no SMTP "
            + "server is configured, or a recipient that is no e-mail address",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF),
                    examples = @ExampleObject(name = "no-smtp-server", value = NO_SMTP_EXAMPLE)))
    public Response create(@Valid @NotNull ChannelDefinition definition, @Context UriInfo uri) {
        ChannelView created = channels.create(definition);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .tag(ETags.of(created.version())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.STEWARD, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "List channels", description = "Sorted by name, limited to channels of your departments "
            + "(an admin sees all); follow `next` for more.")
    public Page<ChannelView> list(
            @Parameter(description = "Only channels receiving this department's alerts", example = "sales")
            @QueryParam("department") String department,
            @Parameter(description = "Only enabled (true) or disabled (false) channels",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("enabled") String enabled,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return channels.list(Optional.ofNullable(department).filter(d -> !d.isBlank()), flag(enabled), limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.STEWARD, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "Get a channel", description = "Everything but a webhook's secret.")
    @APIResponse(responseCode = "200", description = "The channel",
            headers = @Header(name = "ETag", description = "Its version, for If-Match"),
            content = @Content(schema = @Schema(implementation = ChannelView.class)))
    public Response get(@Parameter(description = "Channel id") @PathParam("id") UUID id) {
        ChannelView c = channels.get(id);
        return Response.ok(c).tag(ETags.of(c.version())).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Replace a channel", description = "Send the whole definition and the ETag you read in "
            + "If-Match; a stale version gets 412. Omit `secret` to keep a webhook's current one (a channel turned "
            + "into a webhook needs one). Turning a channel into an EMAIL channel needs the SMTP server, as creating "
            + "one does.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ChannelDefinition.class),
            examples = {@ExampleObject(name = "sales-on-call", summary = "A signed webhook", value = EXAMPLE),
                @ExampleObject(name = "sales-by-mail", summary = "E-mail, grouped by department and severity",
                        value = EMAIL_EXAMPLE)}))
    @APIResponse(responseCode = "200", description = "The channel, at its new version",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "412", description = "The channel changed since you read it",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response update(@Parameter(description = "Channel id") @PathParam("id") UUID id,
            @Parameter(description = "The ETag of the version you changed", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ChannelDefinition definition) {
        ChannelView c = channels.update(id, ETags.requiredVersion(ifMatch), definition);
        return Response.ok(c).tag(ETags.of(c.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Delete a channel", description = "It receives nothing from then on. With If-Match, only "
            + "if it is still at that version.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "412", description = "The channel changed since you read it (If-Match sent)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response delete(@Parameter(description = "Channel id") @PathParam("id") UUID id,
            @Parameter(description = "Optionally, the ETag you read", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Optional<Integer> version = ifMatch == null || ifMatch.isBlank() ? Optional.empty()
                : Optional.of(ETags.requiredVersion(ifMatch));
        channels.delete(id, version);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.STEWARD, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "The channel's delivery log", description = "Its deliveries (webhook calls or mails), newest "
            + "first, each with every attempt (time, HTTP status or SMTP reply code, error, duration): delivered, "
            + "waiting for a retry (with exponential backoff), or given up after the last attempt. A mail the SMTP "
            + "server refuses for good (a 5xx reply for every recipient, or for the message) is given up at once; "
            + "4xx replies, timeouts and refused connections are retried. A mail accepted for some recipients and "
            + "refused for others is delivered, the refusals noted on its attempt.")
    public Page<DeliveryView> deliveries(@Parameter(description = "Channel id") @PathParam("id") UUID id,
            @Parameter(description = "Only deliveries in this status", example = "GAVE_UP",
                    schema = @Schema(enumeration = {"PENDING", "DELIVERED", "GAVE_UP"}))
            @QueryParam("status") String status,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return deliveries.list(id, Optional.ofNullable(status).map(String::strip).filter(s -> !s.isEmpty()), limit,
                cursor);
    }

    private static Optional<Boolean> flag(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return switch (value.trim()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw ProblemException.invalid("enabled", "must be true or false");
        };
    }
}
