package dev.pacer.goal.checkin;

import dev.pacer.platform.paging.Page;
import dev.pacer.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Check-ins on a goal. */
@Path("/goals/{id}/check-ins")
@Tag(name = "Check-ins", description = "Comments, confidence (0–10) and blockers from a goal's owners and "
        + "contributors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CheckInResource {
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final CheckInService checkIns;

    public CheckInResource(CheckInService checkIns) {
        this.checkIns = checkIns;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    @Operation(summary = "Check in on a goal", description = "Managers and members of the goal's owner or "
            + "contributing departments (and admins) check in; the author is the token's subject.")
    @APIResponse(responseCode = "201", description = "The check-in",
            content = @Content(schema = @Schema(implementation = CheckIn.class)))
    @APIResponse(responseCode = "403", description = "You are not among the goal's owners and contributors (a goal "
            + "of other departments answers 403, never 404)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "409", description = "The goal is CLOSED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response checkIn(@Parameter(description = "Goal id") @PathParam("id") UUID id,
            @Valid @NotNull CheckInRequest request) {
        return Response.status(Response.Status.CREATED).entity(checkIns.checkIn(id, request)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "List a goal's check-ins", description = "Newest first; follow `next` for more.")
    @APIResponse(responseCode = "200", description = "One page of check-ins")
    @APIResponse(responseCode = "403", description = "The goal belongs to departments your token does not list",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Page<CheckIn> list(@Parameter(description = "Goal id") @PathParam("id") UUID id,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return checkIns.list(id, limit, cursor);
    }
}
