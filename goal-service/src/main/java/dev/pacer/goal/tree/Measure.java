package dev.pacer.goal.tree;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The metric a goal is measured by, the slice of it that counts, and how the window aggregates it. */
@Schema(name = "Measure", description = "The metric a goal is measured by")
public record Measure(
        @Schema(description = "Key of a metric of the indicator centre (metric-service)", example = "new_customers")
        @NotBlank @Pattern(regexp = GoalRules.KEY_PATTERN, message = "must be a lower-case identifier (a-z, 0-9, _)")
        String metricKey,
        @Schema(description = "Dimension filter: dimension name to the value that counts; empty for the total",
                example = "{\"department\": \"市场部\"}")
        @Size(max = 20)
        Map<@NotBlank @Pattern(regexp = GoalRules.KEY_PATTERN,
                message = "must be a dimension name (a lower-case identifier)") String,
            @NotBlank @Size(max = 200) String> filter,
        @Schema(description = "How the metric's values inside the window make the actual", example = "TOTAL")
        @NotNull Aggregation aggregation) {

    public Measure {
        filter = filter == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filter));
    }
}
