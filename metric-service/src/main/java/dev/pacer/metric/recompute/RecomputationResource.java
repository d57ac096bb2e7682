package dev.pacer.metric.recompute;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Progress of background recomputations. */
@Path("/recomputations")
@Tag(name = "Recomputations", description = "History recomputed after a definition changed")
@Produces(MediaType.APPLICATION_JSON)
public class RecomputationResource {
    private final Recomputations jobs;

    public RecomputationResource(Recomputations jobs) {
        this.jobs = jobs;
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "A recomputation's progress", description = "The Location given when a metric was defined or "
            + "changed points here.")
    public Recomputation get(@PathParam("id") UUID id) {
        return jobs.get(id);
    }
}
