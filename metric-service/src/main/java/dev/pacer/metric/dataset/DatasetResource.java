package dev.pacer.metric.dataset;

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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Datasets: the typed schemas of business records that metrics are computed from. */
@Path("/datasets")
@Tag(name = "Datasets", description = "Schemas of business records (order lines, leads, …)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DatasetResource {
    /** Northwind's order lines, as the push example of ingest-service sends them. */
    static final String EXAMPLE_NEW = """
            {
              "key": "orders",
              "definition": {
                "name": "Order lines",
                "description": "One line of a sales order from the ERP",
                "fields": [
                  {"name": "order_id", "type": "INTEGER", "required": true},
                  {"name": "product_id", "type": "INTEGER", "required": true},
                  {"name": "customer_id", "type": "STRING", "required": true},
                  {"name": "order_date", "type": "DATE", "required": true},
                  {"name": "unit_price", "type": "DECIMAL", "required": true, "description": "Unit price in USD"},
                  {"name": "quantity", "type": "INTEGER", "required": true},
                  {"name": "discount", "type": "DECIMAL", "required": false, "description": "0.15 is 15% off"},
                  {"name": "ship_country", "type": "STRING", "required": false}
                ],
                "primaryKey": ["order_id", "product_id"],
                "eventTimeField": "order_date",
                "ownerDepartment": "sales",
                "sourceSystem": "northwind-erp"
              }
            }""";
    static final String EXAMPLE_CHANGE = """
            {
              "definition": {
                "name": "Order lines",
                "description": "One line of a sales order from the ERP",
                "fields": [
                  {"name": "order_id", "type": "INTEGER", "required": true},
                  {"name": "product_id", "type": "INTEGER", "required": true},
                  {"name": "customer_id", "type": "STRING", "required": true},
                  {"name": "order_date", "type": "DATE", "required": true},
                  {"name": "unit_price", "type": "DECIMAL", "required": true, "description": "Unit price in USD"},
                  {"name": "quantity", "type": "INTEGER", "required": true},
                  {"name": "discount", "type": "DECIMAL", "required": false, "description": "0.15 is 15% off"},
                  {"name": "ship_country", "type": "STRING", "required": false},
                  {"name": "channel", "type": "STRING", "required": false, "description": "web, store or phone"}
                ],
                "primaryKey": ["order_id", "product_id"],
                "eventTimeField": "order_date",
                "ownerDepartment": "sales",
                "sourceSystem": "northwind-erp"
              },
              "reason": "ERP adds a channel column"
            }""";

    private final DatasetService datasets;

    public DatasetResource(DatasetService datasets) {
        this.datasets = datasets;
    }

    @POST
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Define a dataset", description = "Creates version 1 and publishes it to pacer.catalog.")
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location", description = "URL of the new dataset"),
                @Header(name = "ETag", description = "Its version, for If-Match")},
            content = @Content(schema = @Schema(implementation = Dataset.class)))
    @APIResponse(responseCode = "409", description = "A dataset with this key exists",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response create(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NewDataset.class),
                    examples = @ExampleObject(name = "Northwind order lines", value = EXAMPLE_NEW)))
            @Valid @NotNull NewDataset request, @jakarta.ws.rs.core.Context UriInfo uri) {
        Dataset created = datasets.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.key()).build())
                .tag(etag(created)).entity(created).build();
    }

    @GET
    @Authenticated
    @Operation(summary = "List datasets", description = "Sorted by key; follow `next` for more.")
    public Page<Dataset> list(
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return datasets.list(limit, cursor);
    }

    @GET
    @Path("/{key}")
    @Authenticated
    @Operation(summary = "Get a dataset")
    @APIResponse(responseCode = "200", description = "The dataset",
            headers = @Header(name = "ETag", description = "Its version, for If-Match"),
            content = @Content(schema = @Schema(implementation = Dataset.class)))
    public Response get(@PathParam("key") String key) {
        Dataset d = datasets.get(key);
        return Response.ok(d).tag(etag(d)).build();
    }

    @PUT
    @Path("/{key}")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Change a dataset", description = "Makes a new immutable version. Send the ETag you read "
            + "in If-Match; a stale version gets 412.")
    @APIResponse(responseCode = "200", description = "The new version",
            headers = @Header(name = "ETag", description = "The new version"),
            content = @Content(schema = @Schema(implementation = Dataset.class)))
    @APIResponse(responseCode = "412", description = "The dataset changed since you read it",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response update(@PathParam("key") String key,
            @Parameter(description = "The ETag of the version you changed", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DatasetChange.class),
                    examples = @ExampleObject(name = "a field added", value = EXAMPLE_CHANGE)))
            @Valid @NotNull DatasetChange change) {
        Dataset d = datasets.update(key, ETags.requiredVersion(ifMatch), change);
        return Response.ok(d).tag(etag(d)).build();
    }

    private static EntityTag etag(Dataset d) {
        return ETags.of(d.version());
    }
}
