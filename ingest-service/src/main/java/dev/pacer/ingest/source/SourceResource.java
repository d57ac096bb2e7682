package dev.pacer.ingest.source;

import dev.pacer.ingest.jdbc.JdbcSettings;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pull sources: configured connectors that read ERP/CRM/OA databases and JSON APIs on demand or on a schedule. */
@Path("/sources")
@Tag(name = "Sources", description = "Connectors that pull records from source systems")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.STEWARD, Roles.ADMIN})
public class SourceResource {
    private static final String PROBLEM = "application/problem+json";

    /** A JDBC source reading Northwind's order lines every 15 minutes, incrementally. */
    static final String EXAMPLE_JDBC = """
            {
              "name": "Northwind order lines",
              "dataset": "orders",
              "department": "sales",
              "sourceSystem": "northwind-erp",
              "kind": "JDBC",
              "jdbc": {
                "url": "jdbc:postgresql://erp.example.com:5432/northwind",
                "user": "pacer_reader",
                "password": "s3cret",
                "query": "select o.order_id, d.product_id, o.customer_id, o.order_date, d.unit_price, d.quantity, d.discount, o.ship_country, d.modified_at from orders o join order_details d on d.order_id = o.order_id",
                "mode": "INCREMENTAL",
                "timestampColumn": "modified_at",
                "lateCommitDelay": "PT5M"
              },
              "mapping": {"unit_price": "=round(unit_price, 2)"},
              "schedule": "0 0/15 * * * ?"
            }""";

    /** The same source read hourly; the password left out, so the stored one is kept. */
    static final String EXAMPLE_JDBC_CHANGE = """
            {
              "name": "Northwind order lines",
              "dataset": "orders",
              "department": "sales",
              "sourceSystem": "northwind-erp",
              "kind": "JDBC",
              "jdbc": {
                "url": "jdbc:postgresql://erp.example.com:5432/northwind",
                "user": "pacer_reader",
                "query": "select o.order_id, d.product_id, o.customer_id, o.order_date, d.unit_price, d.quantity, d.discount, o.ship_country, d.modified_at from orders o join order_details d on d.order_id = o.order_id",
                "mode": "INCREMENTAL",
                "timestampColumn": "modified_at",
                "lateCommitDelay": "PT5M"
              },
              "mapping": {"unit_price": "=round(unit_price, 2)"},
              "schedule": "0 0 * * * ?"
            }""";

    private final SourceService sources;
    private final SourceRuns runs;

    public SourceResource(SourceService sources, SourceRuns runs) {
        this.sources = sources;
        this.runs = runs;
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Create a source", description = "Stores the settings; the password of a JDBC source, the "
            + "auth value of an HTTP source and the signing secret of a WEBHOOK source are encrypted and never "
            + "returned. An HTTP source (`kind`) pages through a JSON API (`http`). A WEBHOOK source (`kind`) "
            + "receives signed deliveries at POST /webhooks/{id}; it has no schedule, runs or connection test. "
            + "Stewards create sources of their own departments.")
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location", description = "URL of the new source"),
                @Header(name = "ETag", description = "Its version, for If-Match")},
            content = @Content(schema = @Schema(implementation = Source.class)))
    @APIResponse(responseCode = "409", description = "A source with this name exists",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response create(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SourceRequest.class),
                    examples = @ExampleObject(name = "Northwind over JDBC, incremental", value = EXAMPLE_JDBC)))
            @Valid @NotNull SourceRequest request, @Context UriInfo uri) {
        Source created = sources.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .tag(ETags.of(created.version())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "List sources", description = "Sorted by name; only the caller's departments unless admin. "
            + "Follow `next` for more.")
    public Page<Source> list(
            @Parameter(description = "Only the sources of this dataset", example = "orders")
            @QueryParam("dataset") String dataset,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return sources.list(dataset, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Get a source")
    @APIResponse(responseCode = "200", description = "The source (without its password)",
            headers = @Header(name = "ETag", description = "Its version, for If-Match"),
            content = @Content(schema = @Schema(implementation = Source.class)))
    public Response get(@PathParam("id") UUID id) {
        Source s = sources.get(id);
        return Response.ok(s).tag(ETags.of(s.version())).build();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Change a source", description = "Replaces its settings. Leave the password out to keep the "
            + "stored one. Changing the dataset, table or query, mode or cursor columns resets the cursor (refused "
            + "while a run is in progress). Send the ETag you read in If-Match.")
    @APIResponse(responseCode = "200", description = "The changed source",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = Source.class)))
    @APIResponse(responseCode = "409", description = "The name is taken, or a run is in progress",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "412", description = "The source changed since you read it",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response update(@PathParam("id") UUID id,
            @Parameter(description = "The ETag of the version you changed", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SourceRequest.class),
                    examples = @ExampleObject(name = "hourly, password kept", value = EXAMPLE_JDBC_CHANGE)))
            @Valid @NotNull SourceRequest request) {
        Source s = sources.update(id, ETags.requiredVersion(ifMatch), request);
        return Response.ok(s).tag(ETags.of(s.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Delete a source", description = "With its run history and key ledger. Records already "
            + "published stay. Send the ETag you read in If-Match.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "A run is in progress",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "412", description = "The source changed since you read it",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response delete(@PathParam("id") UUID id,
            @Parameter(description = "The ETag of the version you read", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        sources.delete(id, ETags.requiredVersion(ifMatch));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Pause a source's schedule", description = "A paused source still runs when asked.")
    @APIResponse(responseCode = "200", description = "The source",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = Source.class)))
    public Response pause(@PathParam("id") UUID id) {
        Source s = sources.setPaused(id, true);
        return Response.ok(s).tag(ETags.of(s.version())).build();
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Resume a source's schedule", description = "The next run is the schedule's next time "
            + "from now (missed times are not made up).")
    @APIResponse(responseCode = "200", description = "The source",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = Source.class)))
    public Response resume(@PathParam("id") UUID id) {
        Source s = sources.setPaused(id, false);
        return Response.ok(s).tag(ETags.of(s.version())).build();
    }

    @POST
    @Path("/{id}/rewind")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Read a source again from its start", description = "The next run — start one, or wait for "
            + "the schedule — reads every row again: an incremental source forgets its cursor; a full refresh forgets "
            + "the rows it published last but not their keys, so it publishes every row again and still deletes "
            + "downstream the rows the source no longer has. Use it to recover records lost downstream (a "
            + "metric-service restored from a backup older than what Kafka keeps) or after correcting rows the "
            + "source changed without moving its cursor column. Records published again are upserts with a newer "
            + "source version: nothing is counted twice, and values change only where the source's rows did. "
            + "Send the ETag you read in If-Match.")
    @APIResponse(responseCode = "200", description = "The source, without a cursor",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = Source.class)))
    @APIResponse(responseCode = "409", description = "A run is in progress, or it is a WEBHOOK source (which is sent "
            + "its records and has nothing to read again)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "412", description = "The source changed since you read it",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response rewind(@PathParam("id") UUID id,
            @Parameter(description = "The ETag of the version you read", example = "\"3\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Source s = sources.rewind(id, ETags.requiredVersion(ifMatch));
        return Response.ok(s).tag(ETags.of(s.version())).build();
    }

    @POST
    @Path("/{id}/test")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Test a source's connection", description = "Connects with the stored settings and reads "
            + "the table's or query's columns (no rows); an HTTP source requests its first page and reports the members "
            + "of its first record. A failure is an answer with `ok: false` and the reason.")
    @APIResponse(responseCode = "200", description = "The outcome",
            content = @Content(schema = @Schema(implementation = ConnectionTest.class)))
    @APIResponse(responseCode = "409", description = "A WEBHOOK source, which has no connection to test",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public ConnectionTest test(@PathParam("id") UUID id) {
        return runs.test(id);
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/preview")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Preview a source before saving it", description = "Reads the first rows with the given "
            + "settings (including the password), maps them to the dataset's fields and checks them against its "
            + "schema, as a run would (an HTTP source: from its first page); nothing is published or stored. A source that cannot be read is an answer with "
            + "`ok: false` and the reason.")
    @APIResponse(responseCode = "200", description = "The first rows, mapped, each accepted or refused with a reason",
            content = @Content(schema = @Schema(implementation = SourcePreview.class)))
    public SourcePreview preview(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SourceRequest.class),
                    examples = @ExampleObject(name = "Northwind over JDBC, incremental", value = EXAMPLE_JDBC)))
            @Valid @NotNull SourceRequest request,
            @Parameter(description = "Rows to read (1–100)") @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100)
            int limit) {
        return runs.preview(request, limit);
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/test")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Test settings before saving them", description = "Connects with the given JDBC settings "
            + "(including the password) and reads the columns (no rows). For HTTP settings use the preview.")
    @APIResponse(responseCode = "200", description = "The outcome",
            content = @Content(schema = @Schema(implementation = ConnectionTest.class)))
    public ConnectionTest testSettings(@Valid @NotNull JdbcSettings settings) {
        var errors = settings.problems("");
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return runs.test(settings, settings.password());
    }

    @POST
    @Path("/{id}/runs")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Run a source now", description = "Starts a run in the background and answers at once; "
            + "follow it at the Location. Allowed while paused.")
    @APIResponse(responseCode = "202", description = "Started",
            headers = @Header(name = "Location", description = "URL of the run"),
            content = @Content(schema = @Schema(implementation = SourceRun.class)))
    @APIResponse(responseCode = "409", description = "A run of this source is in progress, or it is a WEBHOOK "
            + "source (which receives its records and has no runs)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response runNow(@PathParam("id") UUID id, @Context UriInfo uri) {
        SourceRun run = runs.runNow(id);
        return Response.accepted(run).location(uri.getAbsolutePathBuilder().path(Long.toString(run.id())).build())
                .build();
    }

    @GET
    @Path("/{id}/runs")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Run history", description = "Newest first; follow `next` for more.")
    public Page<SourceRun> runs(@PathParam("id") UUID id,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return runs.list(id, limit, cursor);
    }

    @GET
    @Path("/{id}/runs/{runId}")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Get a run")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(schema = @Schema(implementation = SourceRun.class)))
    public SourceRun run(@PathParam("id") UUID id, @PathParam("runId") long runId) {
        return runs.get(id, runId);
    }
}
