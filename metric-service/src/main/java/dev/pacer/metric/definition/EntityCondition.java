package dev.pacer.metric.definition;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The condition an entity's own aggregate must meet in the period, e.g. COUNT of orders ≥ 2. */
@Schema(name = "EntityCondition")
public record EntityCondition(
        @Schema(description = "Aggregate of each entity's records", example = "COUNT_DISTINCT") @NotNull Aggregation aggregation,
        @Schema(description = "Expression aggregated per entity (not needed for COUNT)", example = "order_id")
        String expression,
        @Schema(description = "Comparison", example = ">=") @NotNull
        @Pattern(regexp = "=|!=|<|<=|>|>=", message = "must be one of = != < <= > >=") String operator,
        @Schema(description = "Threshold", example = "2") @NotNull BigDecimal value) {
}
