package dev.pacer.alert.silence;

import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Locale;
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

/** Silences: mute matching alerts of some departments for a while, with a comment, on the record. */
@Path("/silences")
@Tag(name = "Silences", description = "Mute matching alerts for a time window (matchers as in Alertmanager)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SilenceResource {
    static final String EXAMPLE = """
            {
              "matchers": [
                {"name": "alertname", "operator": "=", "value": "MetricStale"},
                {"name": "metric", "operator": "=~", "value": "revenue|orders_.*"}
              ],
              "startsAt": "2030-03-02T22:00:00Z",
              "endsAt": "2030-03-03T06:00:00Z",
              "comment": "ERP maintenance window, data will be late",
              "departments": ["sales"]
            }""";

    private final SilenceService silences;

    public SilenceResource(SilenceService silences) {
        this.silences = silences;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Create a silence", description = "Alerts of the given departments whose labels satisfy "
            + "every matcher notify nobody from startsAt (now if absent or past) until endsAt. A manager may only "
            + "name their own departments. The author is the token's subject.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewSilence.class),
            examples = @ExampleObject(name = "maintenance", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "URL of the new silence"),
            content = @Content(schema = @Schema(implementation = SilenceView.class)))
    public Response create(@Valid @NotNull NewSilence request, @Context UriInfo uri) {
        SilenceView created = silences.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.STEWARD, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "List silences", description = "Newest first, limited to silences of your departments "
            + "(an admin sees all); follow `next` for more.")
    public Page<SilenceView> list(
            @Parameter(description = "Only silences in this state now",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"PENDING", "ACTIVE", "EXPIRED"}))
            @QueryParam("state") String state,
            @Parameter(description = "Only silences covering this department", example = "sales")
            @QueryParam("department") String department,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return silences.list(state(state), Optional.ofNullable(department).filter(d -> !d.isBlank()), limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.STEWARD, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "Get a silence", description = "With its state now.")
    @APIResponse(responseCode = "200", description = "The silence",
            content = @Content(schema = @Schema(implementation = SilenceView.class)))
    public SilenceView get(@Parameter(description = "Silence id") @PathParam("id") UUID id) {
        return silences.get(id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Expire a silence", description = "Ends it now (a pending one never starts). It is kept, "
            + "listed as EXPIRED with `expiredBy`, for the record.")
    @APIResponse(responseCode = "200", description = "The silence, now expired",
            content = @Content(schema = @Schema(implementation = SilenceView.class)))
    @APIResponse(responseCode = "409", description = "It had already expired",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public SilenceView expire(@Parameter(description = "Silence id") @PathParam("id") UUID id) {
        return silences.expire(id);
    }

    private static Optional<SilenceState> state(String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SilenceState.valueOf(state.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("state", "must be one of " + Arrays.toString(SilenceState.values()));
        }
    }
}
