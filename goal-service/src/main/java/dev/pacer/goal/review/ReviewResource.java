package dev.pacer.goal.review;

import dev.pacer.goal.matrix.Csv;
import dev.pacer.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.rest.ETags;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

/** Reviews (复盘) and their action items. */
@Path("/reviews")
@Tag(name = "Reviews", description = "Reviews (复盘) of a month, quarter or year: each goal's attainment and variance, "
        + "status changes, laggards with the sub-goals that pull them down, a check-in summary, and action items")
public class ReviewResource {
    /** The Markdown media type. */
    public static final String MARKDOWN = "text/markdown";
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String CROSS_DEPARTMENT = "The review covers goals of departments your token does not list "
            + "(such reviews answer 403, never 404)";

    private final ReviewService reviews;

    public ReviewResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Generate a review", description = "Reviews the active and closed goals of the period's fiscal "
            + "year whose window overlaps the period (a sub-tree or one owner department when asked; only goals you "
            + "may read), from their progress history and check-ins, and stores what it found. Managers review "
            + "within their departments.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ReviewRequest.class), examples =
            @ExampleObject(name = "quarter", value = "{\"period\": \"FY2026-Q3\", \"department\": \"市场部\"}")))
    @APIResponse(responseCode = "201", description = "The review",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Review.class)))
    @APIResponse(responseCode = "403", description = "The department or root goal is outside your departments",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response create(@Valid @NotNull ReviewRequest request) {
        Review review = reviews.create(request);
        return Response.created(URI.create("/reviews/" + review.id())).entity(review).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "List reviews", description = "Newest first; only reviews you may read (those covering goals "
            + "of departments your token does not list are left out). Follow `next` for more.")
    @APIResponse(responseCode = "200", description = "One page of reviews")
    public Page<ReviewSummary> list(
            @Parameter(description = "Only reviews of this period: a month, a fiscal quarter or a fiscal year",
                    example = "FY2026-Q3") @QueryParam("period") String period,
            @Parameter(description = "Only reviews made for this owner department", example = "市场部")
            @QueryParam("department") String department,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return reviews.list(period, department, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, MARKDOWN})
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "A review", description = "As JSON; `Accept: text/csv` answers one line per goal (UTF-8 with a "
            + "byte order mark), `Accept: text/markdown` the whole review with its action items as a document.")
    @APIResponse(responseCode = "200", description = "The review", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Review.class)),
        @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING), example = "period,goal_id,"
                + "parent_id,title,owner_department,owner_person,weight,status,as_of,actual,expected,base_target,"
                + "attainment_to_date,attainment_base,variance_to_expected,variance_to_base,status_changes,laggard\r\n"
                + "FY2026-Q3,4e0c2a9d-…,9b2f6c1e-…,新增客户数,市场部,zhang.wei,60,AT_RISK,2026-09-30,980,1050,1400,"
                + "0.933333,0.7,-70,-420,1,true\r\n"),
        @Content(mediaType = MARKDOWN, schema = @Schema(type = SchemaType.STRING),
                example = "# 复盘 Review FY2026-Q3\n\n## Goals\n\n| Goal | Owner | Status | …")})
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response get(@Parameter(description = "Review id") @PathParam("id") UUID id, @Context HttpHeaders headers) {
        Review review = reviews.get(id);
        MediaType csv = MediaType.valueOf(Csv.MEDIA_TYPE);
        MediaType markdown = MediaType.valueOf(MARKDOWN);
        MediaType chosen = Csv.negotiate(headers, MediaType.APPLICATION_JSON_TYPE, csv, markdown);
        String file = "review-" + review.period() + "-" + review.id();
        if (chosen == csv) {
            return Response.ok(ReviewExport.csv(review).getBytes(StandardCharsets.UTF_8), Csv.MEDIA_TYPE
                    + "; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"")
                    .build();
        }
        if (chosen == markdown) {
            return Response.ok(ReviewExport.markdown(review).getBytes(StandardCharsets.UTF_8), MARKDOWN
                    + "; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"" + file + ".md\"")
                    .build();
        }
        return Response.ok(review, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Add an action item", description = "Who does what by when; it starts OPEN.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ActionRequest.class), examples =
            @ExampleObject(name = "action", value = "{\"title\": \"加推华东渠道活动\", \"owner\": \"zhang.wei\", "
                    + "\"dueDate\": \"2026-10-31\"}")))
    @APIResponse(responseCode = "201", description = "The action item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Action.class)))
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response addAction(@Parameter(description = "Review id") @PathParam("id") UUID id,
            @Valid @NotNull ActionRequest request) {
        Action action = reviews.addAction(id, request);
        return Response.created(URI.create("/reviews/" + id + "/actions/" + action.id())).entity(action)
                .tag(ETags.of(action.version())).build();
    }

    @PATCH
    @Path("/{id}/actions/{actionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    @Operation(summary = "Set an action item's status", description = "OPEN, DONE or DROPPED; by admins, managers who "
            + "may read the review, and the action's owner. If-Match is optional; when sent, a stale version gets 412.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ActionStatusRequest.class), examples =
            @ExampleObject(name = "done", value = "{\"status\": \"DONE\"}")))
    @APIResponse(responseCode = "200", description = "The action item",
            headers = @Header(name = "ETag", description = "Its version, for If-Match"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Action.class)))
    @APIResponse(responseCode = "403", description = CROSS_DEPARTMENT + ", or you are a member but not its owner",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "412", description = "If-Match names a version the action item is no longer at",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response setStatus(@Parameter(description = "Review id") @PathParam("id") UUID id,
            @Parameter(description = "Action item id") @PathParam("actionId") UUID actionId,
            @Parameter(description = "Optional: the ETag of the version you mean to change", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ActionStatusRequest request) {
        Action action = reviews.setStatus(id, actionId,
                ifMatch == null || ifMatch.isBlank() ? null : ETags.requiredVersion(ifMatch), request);
        return Response.ok(action).tag(ETags.of(action.version())).build();
    }
}
