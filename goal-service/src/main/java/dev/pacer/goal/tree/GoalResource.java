package dev.pacer.goal.tree;

import dev.pacer.platform.paging.Page;
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

/**
 * The goal breakdown tree: annual objectives broken into level-1 and level-2 indicators (any depth).
 * Goals of departments outside the caller's token answer 403, never 404; 404 means no goal has the id.
 */
@Path("/goals")
@Tag(name = "Goals", description = "The goal breakdown tree: annual objectives and the indicators they break into. "
        + "Admins see and change every goal; managers create, change and delete goals owned by their departments; "
        + "managers, members and viewers read goals owned by or contributed to by their departments. A goal of other "
        + "departments answers 403 (never 404: 404 means that no goal has the id).")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GoalResource {
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String CROSS_DEPARTMENT = "Your role may not do this, or the goal belongs to departments your "
            + "token does not list (such goals answer 403, never 404)";
    private static final String EXAMPLE = """
            {
              "parentId": "9b2f6c1e-3a5d-4c8e-9f11-2d7a6b0c4e21",
              "title": "新增客户数",
              "description": "新增下单客户数，按首单日期计",
              "ownerDepartment": "市场部",
              "ownerPerson": "zhang.wei",
              "contributingDepartments": ["销售部"],
              "period": "FY2026",
              "window": {"fromQuarter": "Q1", "toQuarter": "Q4"},
              "weight": 60,
              "measure": {"metricKey": "new_customers", "filter": {"region": "华东"}, "aggregation": "TOTAL"},
              "baseline": 1200,
              "baseTarget": 1500,
              "challengeTarget": 1800,
              "direction": "HIGHER_IS_BETTER",
              "plan": {"type": "QUARTERLY_MILESTONES", "milestones": [300, 700, 1100, 1500]}
            }""";

    private final GoalService goals;

    public GoalResource(GoalService goals) {
        this.goals = goals;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Create a goal", description = "Creates a DRAFT goal: an annual objective without parentId, "
            + "or a sub-goal of a goal you can read. Managers create goals owned by their own departments. A sub-goal "
            + "needs a weight, lies in its parent's fiscal year and window, and the sub-goals of one parent weigh at "
            + "most 100 together.")
    @RequestBody(content = @Content(schema = @Schema(implementation = GoalRequest.class),
            examples = @ExampleObject(name = "level-2 indicator", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location", description = "URL of the new goal"),
                @Header(name = "ETag", description = "Its version, for If-Match")},
            content = @Content(schema = @Schema(implementation = Goal.class)))
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response create(@Valid @NotNull GoalRequest request, @Context UriInfo uri) {
        Goal created = goals.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .tag(ETags.of(created.version())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "List goals", description = "The goals you can read (all for admins; else those owned by or "
            + "contributed to by your departments), filtered and sorted; follow `next` for more.")
    @APIResponse(responseCode = "200", description = "One page of goals")
    @APIResponse(responseCode = "403", description = "Your role may not read goals",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Page<Goal> list(
            @Parameter(description = "Only goals this department owns or contributes to", example = "市场部")
            @QueryParam("department") String department,
            @Parameter(description = "FY2026: the fiscal year's goals (annual and quarterly); FY2026-Q2: that "
                    + "quarter's goals", example = "FY2026")
            @QueryParam("period") String period,
            @Parameter(description = "Only the sub-goals of this goal", example = "9b2f6c1e-3a5d-4c8e-9f11-2d7a6b0c4e21")
            @QueryParam("parentId") String parentId,
            @Parameter(description = "true: only annual objectives; false: only sub-goals", example = "true",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"true", "false"}))
            @QueryParam("root") String root,
            @Parameter(description = "Order: " + GoalOrder.VALUES + " (a leading - sorts descending); ties by id",
                    example = "-createdAt")
            @QueryParam("sort") @DefaultValue("createdAt") String sort,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page (with the same sort)")
            @QueryParam("cursor") String cursor) {
        return goals.list(new GoalQuery(department, period, parentId, root, sort), limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "Get a goal")
    @APIResponse(responseCode = "200", description = "The goal",
            headers = @Header(name = "ETag", description = "Its version, for If-Match"),
            content = @Content(schema = @Schema(implementation = Goal.class)))
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response get(@Parameter(description = "Goal id") @PathParam("id") UUID id) {
        Goal goal = goals.get(id);
        return Response.ok(goal).tag(ETags.of(goal.version())).build();
    }

    @GET
    @Path("/{id}/children")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "List a goal's sub-goals", description = "The direct sub-goals of a goal you can read, of "
            + "those the ones you can read (all for admins); follow `next` for more.")
    @APIResponse(responseCode = "200", description = "One page of sub-goals")
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Page<Goal> children(@Parameter(description = "Goal id") @PathParam("id") UUID id,
            @Parameter(description = "Order: " + GoalOrder.VALUES + " (a leading - sorts descending); ties by id",
                    example = "title")
            @QueryParam("sort") @DefaultValue("createdAt") String sort,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page (with the same sort)")
            @QueryParam("cursor") String cursor) {
        return goals.children(id, limit, cursor, sort);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Change a goal", description = "Replaces the goal with the body (the same as for POST). Send "
            + "the ETag you read in If-Match; a stale version gets 412. Managers change goals owned by their "
            + "departments, and cannot hand one to another department. Moving a goal (parentId) follows the rules of "
            + "creating one, and a changed period or window must still contain every sub-goal.")
    @RequestBody(content = @Content(schema = @Schema(implementation = GoalRequest.class),
            examples = @ExampleObject(name = "level-2 indicator", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The changed goal",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = Goal.class)))
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "412", description = "The goal changed since you read it",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response update(@Parameter(description = "Goal id") @PathParam("id") UUID id,
            @Parameter(description = "The ETag of the version you changed", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull GoalRequest request) {
        Goal goal = goals.update(id, ETags.requiredVersion(ifMatch), request);
        return Response.ok(goal).tag(ETags.of(goal.version())).build();
    }

    @POST
    @Path("/{id}/activate")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Activate a goal", description = "Moves a DRAFT goal to ACTIVE once its SMART check "
            + "(`GET /goals/{id}/smart`) passes; from then on its progress is tracked. A failing check answers 422 "
            + "with one entry in `errors` per failing letter (field `specific`, `measurable`, `achievable`, "
            + "`relevant` or `timeBound`). If-Match is optional; when sent, a stale version gets 412.")
    @APIResponse(responseCode = "200", description = "The active goal",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = Goal.class)))
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "409", description = "The goal is not a DRAFT",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "412", description = "If-Match names a version the goal is no longer at",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "422", description = "The SMART check fails; `errors` lists the failing letters",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response activate(@Parameter(description = "Goal id") @PathParam("id") UUID id,
            @Parameter(description = "Optional: the ETag of the version you mean to activate", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Goal goal = goals.activate(id, ifMatch == null || ifMatch.isBlank() ? null : ETags.requiredVersion(ifMatch));
        return Response.ok(goal).tag(ETags.of(goal.version())).build();
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Close a goal", description = "Moves an ACTIVE goal whose sub-goals are all closed to CLOSED, "
            + "typically at the end of its period: its progress stays as last computed and keeps counting in its "
            + "parent's roll-up, reviews and scorecards. Its final progress is published once more, marked CLOSED "
            + "(goalStatus on pacer.goal-progress), and alert-service resolves the goal's alerts: a closed goal is no "
            + "longer judged. If-Match is optional; when sent, a stale version gets 412.")
    @APIResponse(responseCode = "200", description = "The closed goal",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = Goal.class)))
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "409", description = "The goal is not ACTIVE, or a sub-goal still is",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "412", description = "If-Match names a version the goal is no longer at",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response close(@Parameter(description = "Goal id") @PathParam("id") UUID id,
            @Parameter(description = "Optional: the ETag of the version you mean to close", example = "\"2\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Goal goal = goals.close(id, ifMatch == null || ifMatch.isBlank() ? null : ETags.requiredVersion(ifMatch));
        return Response.ok(goal).tag(ETags.of(goal.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Delete a goal", description = "Deletes a DRAFT goal that has no sub-goals. If-Match is "
            + "optional; when sent, a stale version gets 412.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "409", description = "The goal is not a DRAFT, or has sub-goals",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "412", description = "If-Match names a version the goal is no longer at",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public void delete(@Parameter(description = "Goal id") @PathParam("id") UUID id,
            @Parameter(description = "Optional: the ETag of the version you mean to delete", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        goals.delete(id, ifMatch == null || ifMatch.isBlank() ? null : ETags.requiredVersion(ifMatch));
    }
}
