package dev.pacer.goal.progress;

import dev.pacer.platform.paging.Page;
import dev.pacer.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A goal's live progress and its history. */
@Path("/goals/{id}/progress")
@Tag(name = "Progress", description = "Live progress of active goals: actual to date, expected under the plan, "
        + "attainment against base and challenge, pace status, forecast and the weighted roll-up of sub-goals. "
        + "Readable by whoever may read the goal.")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String CROSS_DEPARTMENT = "The goal belongs to departments your token does not list "
            + "(such goals answer 403, never 404)";

    private final ProgressQueries progress;

    public ProgressResource(ProgressQueries progress) {
        this.progress = progress;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "A goal's current progress", description = "Kept current as metric values arrive and as the "
            + "goal or its sub-goals change. 404 with type `no-progress` while the goal is not yet active.")
    @APIResponse(responseCode = "200", description = "The progress",
            content = @Content(schema = @Schema(implementation = GoalProgress.class)))
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public GoalProgress current(@Parameter(description = "Goal id") @PathParam("id") UUID id) {
        return progress.current(id);
    }

    @GET
    @Path("/history")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "A goal's progress history", description = "Every change of the goal's progress, oldest "
            + "first (for trend charts); follow `next` for more.")
    @APIResponse(responseCode = "200", description = "One page of progress points")
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Page<ProgressPoint> history(@Parameter(description = "Goal id") @PathParam("id") UUID id,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("100") @Min(1)
            @Max(500) int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return progress.history(id, limit, cursor);
    }
}
