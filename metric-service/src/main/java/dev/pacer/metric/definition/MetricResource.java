package dev.pacer.metric.definition;

import dev.pacer.platform.paging.Page;
import dev.pacer.platform.rest.ETags;
import dev.pacer.platform.security.Roles;
import io.quarkus.security.Authenticated;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Metrics: one certified definition per KPI, versioned, with lineage. */
@Path("/metrics")
@Tag(name = "Metrics", description = "Certified KPI definitions (指标中心): versions, lifecycle, lineage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MetricResource {
    private static final String PROBLEM = "application/problem+json";
    /** Revenue over the order lines of the datasets example. */
    static final String EXAMPLE_NEW = """
            {
              "key": "revenue",
              "definition": {
                "name": "Revenue",
                "description": "Order-line revenue: unit price × quantity, by order date; cancelled orders are not in the ERP's table",
                "unit": "USD",
                "direction": "HIGHER_IS_BETTER",
                "ownerDepartment": "sales",
                "steward": "alice",
                "kind": "SIMPLE",
                "dataset": "orders",
                "aggregation": "SUM",
                "expression": "unit_price * quantity",
                "dimensions": ["ship_country"],
                "rounding": {"scale": 2, "mode": "HALF_UP"},
                "freshness": "PT24H",
                "tags": ["sales", "board"]
              }
            }""";
    static final String EXAMPLE_CHANGE = """
            {
              "definition": {
                "name": "Revenue",
                "description": "Order-line revenue net of discount: unit price × quantity × (1 − discount), by order date",
                "unit": "USD",
                "direction": "HIGHER_IS_BETTER",
                "ownerDepartment": "sales",
                "steward": "alice",
                "kind": "SIMPLE",
                "dataset": "orders",
                "aggregation": "SUM",
                "expression": "unit_price * quantity * (1 - coalesce(discount, 0))",
                "filter": "quantity > 0",
                "dimensions": ["ship_country"],
                "rounding": {"scale": 2, "mode": "HALF_UP"},
                "freshness": "PT24H",
                "tags": ["sales", "board"]
              },
              "reason": "Discounts are now netted out",
              "effectiveDate": "2026-01-01"
            }""";

    private final MetricService metrics;

    public MetricResource(MetricService metrics) {
        this.metrics = metrics;
    }

    @POST
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Define a metric", description = "Creates version 1 as a DRAFT. Expressions and filters are "
            + "checked against the dataset's fields; referenced metrics must exist; cycles are refused.")
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location"), @Header(name = "ETag", description = "Its version, for If-Match"),
                @Header(name = "Link", description = "rel=\"recomputation\": the job computing its history")},
            content = @Content(schema = @Schema(implementation = Metric.class)))
    @APIResponse(responseCode = "409", description = "A metric with this key exists",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response create(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Requests.NewMetric.class),
                    examples = @ExampleObject(name = "revenue by ship country", value = EXAMPLE_NEW)))
            @Valid @NotNull Requests.NewMetric request, @Context UriInfo uri) {
        MetricService.Changed changed = metrics.create(request);
        Metric m = changed.metric();
        return Response.created(uri.getAbsolutePathBuilder().path(m.key()).build()).tag(ETags.of(m.version()))
                .link(recomputation(uri, changed), "recomputation").entity(m).build();
    }

    private static java.net.URI recomputation(UriInfo uri, MetricService.Changed changed) {
        return uri.getBaseUriBuilder().path("recomputations").path(changed.recomputation().toString()).build();
    }

    @GET
    @Authenticated
    @Operation(summary = "List and search metrics", description = "Sorted by key; only metrics the caller may read.")
    public Page<Metric> list(
            @Parameter(description = "Text searched in key, name, definition and tags", example = "revenue")
            @QueryParam("q") String q,
            @Parameter(description = "Only metrics with this tag") @QueryParam("tag") String tag,
            @Parameter(description = "Only metrics in this lifecycle state") @QueryParam("status") Lifecycle status,
            @Parameter(description = "Only metrics of this kind") @QueryParam("kind") MetricKind kind,
            @Parameter(description = "Only metrics owned by this department") @QueryParam("department") String department,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return metrics.list(q, tag, status, kind, department, limit, cursor);
    }

    @GET
    @Path("/{key}")
    @Authenticated
    @Operation(summary = "Get a metric")
    @APIResponse(responseCode = "200", description = "The metric's current version",
            headers = @Header(name = "ETag", description = "Its version, for If-Match"),
            content = @Content(schema = @Schema(implementation = Metric.class)))
    public Response get(@PathParam("key") String key) {
        Metric m = metrics.get(key);
        return Response.ok(m).tag(ETags.of(m.version())).build();
    }

    @PUT
    @Path("/{key}")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Change a metric's definition", description = "Makes a new immutable version with the reason "
            + "and effective date. Send the ETag you read in If-Match.")
    @APIResponse(responseCode = "200", description = "The new version",
            headers = {@Header(name = "ETag"), @Header(name = "Link",
                description = "rel=\"recomputation\": the job recomputing its history")},
            content = @Content(schema = @Schema(implementation = Metric.class)))
    @APIResponse(responseCode = "409", description = "The metric is deprecated, or the change would break metrics "
            + "computed from it", content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "412", description = "The metric changed since you read it",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response update(@PathParam("key") String key,
            @Parameter(description = "The ETag you read", example = "\"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Requests.MetricChange.class),
                    examples = @ExampleObject(name = "discounts netted out", value = EXAMPLE_CHANGE)))
            @Valid @NotNull Requests.MetricChange change, @Context UriInfo uri) {
        MetricService.Changed changed = metrics.update(key, ETags.requiredVersion(ifMatch), change);
        Metric m = changed.metric();
        return Response.ok(m).tag(ETags.of(m.version())).link(recomputation(uri, changed), "recomputation").build();
    }

    @POST
    @Path("/{key}/lifecycle")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Certify or deprecate a metric", description = "DRAFT → CERTIFIED → DEPRECATED (or DRAFT → "
            + "DEPRECATED). Each change is a new version. A metric that still feeds metrics in use cannot be deprecated.")
    @APIResponse(responseCode = "200", description = "The new version", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Metric.class)))
    @APIResponse(responseCode = "409", description = "Not a valid transition, or the metric still feeds others",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "412", description = "The metric changed since you read it",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response lifecycle(@PathParam("key") String key,
            @Parameter(description = "The ETag you read", example = "\"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Requests.LifecycleChange change) {
        Metric m = metrics.changeLifecycle(key, ETags.requiredVersion(ifMatch), change);
        return Response.ok(m).tag(ETags.of(m.version())).build();
    }

    @GET
    @Path("/{key}/versions")
    @Authenticated
    @Operation(summary = "List a metric's versions", description = "Oldest first, each with author, reason and "
            + "effective date.")
    public List<MetricVersion> versions(@PathParam("key") String key) {
        return metrics.versions(key);
    }

    @GET
    @Path("/{key}/versions/{version}")
    @Authenticated
    @Operation(summary = "Get one version of a metric")
    public MetricVersion version(@PathParam("key") String key, @PathParam("version") @Min(1) int version) {
        return metrics.version(key, version);
    }

    @GET
    @Path("/{key}/diff")
    @Authenticated
    @Operation(summary = "Compare two versions of a metric", description = "Lists each definition field that differs.")
    public Requests.MetricDiff diff(@PathParam("key") String key,
            @Parameter(description = "Older version", example = "1") @QueryParam("from") @NotNull @Min(1) Integer from,
            @Parameter(description = "Newer version", example = "2") @QueryParam("to") @NotNull @Min(1) Integer to) {
        return metrics.diff(key, from, to);
    }

    @GET
    @Path("/{key}/lineage")
    @Authenticated
    @Operation(summary = "What a metric is computed from, and what is computed from it")
    public Requests.Lineage lineage(@PathParam("key") String key) {
        return metrics.lineage(key);
    }
}
