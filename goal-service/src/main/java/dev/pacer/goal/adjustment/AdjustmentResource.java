package dev.pacer.goal.adjustment;

import dev.pacer.platform.paging.Page;
import dev.pacer.platform.rest.ETags;
import dev.pacer.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Target adjustments of a goal. */
@Path("/goals/{id}/adjustments")
@Tag(name = "Adjustments", description = "Target changes with reason, author and effective date; the old targets are "
        + "kept, and progress shows attainment against the original and the current target")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdjustmentResource {
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String CROSS_DEPARTMENT = "Your role may not do this, or the goal belongs to departments your "
            + "token does not list (such goals answer 403, never 404)";

    private final AdjustmentService adjustments;

    public AdjustmentResource(AdjustmentService adjustments) {
        this.adjustments = adjustments;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Adjust a goal's targets", description = "Gives the goal new base and challenge targets; the "
            + "adjustment keeps the old ones. Managers adjust goals owned by their departments; the author is the "
            + "token's subject. Progress is recomputed at once. If-Match is optional; when sent, a stale goal version "
            + "gets 412.")
    @RequestBody(content = @Content(schema = @Schema(implementation = AdjustmentRequest.class),
            examples = @ExampleObject(name = "lower the target", value = """
                    {"baseTarget": 1400, "challengeTarget": 1700, "reason": "华东渠道调整，下半年新增客户预期下调",
                     "effectiveDate": "2026-07-01"}""")))
    @APIResponse(responseCode = "201", description = "The adjustment",
            content = @Content(schema = @Schema(implementation = Adjustment.class)))
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "409", description = "The goal is CLOSED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "412", description = "If-Match names a version the goal is no longer at",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response adjust(@Parameter(description = "Goal id") @PathParam("id") UUID id,
            @Parameter(description = "Optional: the ETag of the goal version you adjust", example = "\"3\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull AdjustmentRequest request) {
        Adjustment a = adjustments.adjust(id, ifMatch == null || ifMatch.isBlank() ? null
                : ETags.requiredVersion(ifMatch), request);
        return Response.status(Response.Status.CREATED).entity(a).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "List a goal's adjustments", description = "Oldest first; follow `next` for more.")
    @APIResponse(responseCode = "200", description = "One page of adjustments")
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Page<Adjustment> list(@Parameter(description = "Goal id") @PathParam("id") UUID id,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return adjustments.list(id, limit, cursor);
    }
}
