package dev.pacer.metric.value;

import dev.pacer.events.Grain;
import dev.pacer.platform.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The computed values of a metric. */
@Path("/metrics/{key}/values")
@Tag(name = "Metric values", description = "Computed KPI values by period, sliced and compared")
@Produces(MediaType.APPLICATION_JSON)
public class MetricValueResource {
    private final MetricValueQuery query;

    public MetricValueResource(MetricValueQuery query) {
        this.query = query;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.STEWARD, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Push values of a REPORTED metric", description = "For KPIs computed elsewhere (a survey "
            + "score, a figure from another system): each value is stored as it is for its period, published if it "
            + "changed, and the metrics computed from it are recomputed.")
    @APIResponse(responseCode = "200", description = "Stored; how many values changed",
            content = @Content(schema = @Schema(implementation = PushAnswer.class)))
    @APIResponse(responseCode = "409", description = "The metric is not REPORTED",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public PushAnswer report(@PathParam("key") String key,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "monthly survey scores",
                    value = "[{\"period\": \"2026-01\", \"value\": 8.4}, {\"period\": \"2026-02\", \"value\": 8.7}]")))
            @NotNull @Size(min = 1, max = 10000) List<@Valid @NotNull ReportedValue> values) {
        return new PushAnswer(values.size(), query.report(key, values));
    }

    /** The answer to a push. */
    @Schema(name = "ReportedValuesAnswer")
    public record PushAnswer(@Schema(example = "2") int received, @Schema(example = "2") int valuesChanged) {
    }

    @GET
    @Authenticated
    @Operation(summary = "A metric's values over time", description = "Periods follow the configured time zone and "
            + "fiscal calendar. Without groupBy or filter the total is returned; groupBy gives one series per value of "
            + "a dimension; filter (dimension:value) one slice. compare adds the previous period's or the same period "
            + "last year's value and the change.")
    public MetricValues values(@PathParam("key") String key,
            @Parameter(description = "DAY, WEEK (ISO), MONTH, QUARTER or YEAR (fiscal)", example = "MONTH")
            @QueryParam("grain") @NotNull Grain grain,
            @Parameter(description = "First day (inclusive)", example = "1997-01-01") @QueryParam("from") @NotNull
            LocalDate from,
            @Parameter(description = "Last day (exclusive)", example = "1998-01-01") @QueryParam("to") @NotNull
            LocalDate to,
            @Parameter(description = "A dimension to split by", example = "ship_country") @QueryParam("groupBy")
            String groupBy,
            @Parameter(description = "One slice: dimension:value", example = "ship_country:France")
            @QueryParam("filter") String filter,
            @Parameter(description = "PREVIOUS or LAST_YEAR") @QueryParam("compare") MetricValues.Comparison compare) {
        return query.values(key, grain, from, to, groupBy, filter, compare);
    }
}
