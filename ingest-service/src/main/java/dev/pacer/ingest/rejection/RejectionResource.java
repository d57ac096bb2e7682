package dev.pacer.ingest.rejection;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The quarantine of refused records: list, fix, replay. */
@Path("/rejections")
@Tag(name = "Rejections", description = "Records refused at ingestion, to fix and replay")
@Produces(MediaType.APPLICATION_JSON)
public class RejectionResource {
    private static final String PROBLEM = "application/problem+json";
    private final RejectionService rejections;

    public RejectionResource(RejectionService rejections) {
        this.rejections = rejections;
    }

    @GET
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "List rejections", description = "Oldest first; follow `next` for more. A steward sees "
            + "the rejections of datasets their departments own and of their departments' sources; admins see all.")
    public Page<Rejection> list(
            @Parameter(description = "Only this dataset's", example = "orders") @QueryParam("dataset") String dataset,
            @Parameter(description = "Only those that arrived this way: push, source:<id>, upload:<id>",
                    example = "push")
            @QueryParam("source") String source,
            @Parameter(description = "Items per page (1–500)") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit,
            @Parameter(description = "The `next` cursor of the previous page") @QueryParam("cursor") String cursor) {
        return rejections.list(dataset, source, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Get a rejection", description = "403 when it belongs to neither a department of the "
            + "caller (the dataset's owner, or the source's that refused it) nor the caller is an admin; the same "
            + "holds for fixing and replaying it.")
    public Rejection get(@PathParam("id") long id) {
        return rejections.get(id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Fix a rejected record", description = "Replaces the record; replay it to publish it.")
    @APIResponse(responseCode = "200", description = "The rejection with the corrected record",
            content = @Content(schema = @Schema(implementation = Rejection.class)))
    public Rejection fix(@PathParam("id") long id, @Valid @NotNull RejectionFix fix) {
        return rejections.fix(id, fix.record());
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN})
    @Operation(summary = "Replay a rejected record", description = "Checks the record against the dataset's current "
            + "schema; a valid one is published to pacer.records (acknowledged by Kafka) and leaves the quarantine.")
    @APIResponse(responseCode = "200", description = "Published",
            content = @Content(schema = @Schema(implementation = ReplayResult.class)))
    @APIResponse(responseCode = "409", description = "The dataset is no longer in the catalog",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "422", description = "Still invalid; the reason is updated",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge; the rejection stays",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "#/components/schemas/Problem")))
    public ReplayResult replay(@PathParam("id") long id) {
        return rejections.replay(id);
    }
}
