package dev.pacer.metric.value;

import dev.pacer.events.Grain;
import io.quarkus.security.Authenticated;
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
