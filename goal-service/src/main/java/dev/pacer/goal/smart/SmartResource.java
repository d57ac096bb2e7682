package dev.pacer.goal.smart;

import dev.pacer.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The SMART check of a goal. */
@Path("/goals/{id}/smart")
@Tag(name = "SMART check", description = "Whether a goal is Specific, Measurable, Achievable, Relevant and "
        + "Time-bound; a goal is activated only when no letter fails")
@Produces(MediaType.APPLICATION_JSON)
public class SmartResource {
    private final SmartService smart;

    public SmartResource(SmartService smart) {
        this.smart = smart;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER, Roles.VIEWER})
    @Operation(summary = "Check a goal", description = "One verdict per letter (PASS, WARN or FAIL) with the reasons. "
            + "Measurable reads the metric catalogue replicated from metric-service; Achievable compares the target "
            + "with the metric's history over the same window in past years.")
    @APIResponse(responseCode = "200", description = "The check",
            content = @Content(schema = @Schema(implementation = SmartReport.class)))
    @APIResponse(responseCode = "403", description = "The goal belongs to departments your token does not list "
            + "(such goals answer 403, never 404)",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public SmartReport check(@Parameter(description = "Goal id") @PathParam("id") UUID id) {
        return smart.check(id);
    }
}
