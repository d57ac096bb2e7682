package dev.pacer.metric.definition;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Everything a steward states about one KPI: what it means (口径), how it is computed, who owns it, how it may be
 * sliced, how it is rounded and how fresh it must be. Which fields a kind needs is checked by {@link MetricRules}.
 */
@Schema(name = "MetricDefinition")
public record MetricDefinition(
        @Schema(example = "Revenue") @NotBlank @Size(max = 200) String name,
        @Schema(description = "The business definition (口径): exactly what is counted and what is not",
                example = "Net order-line revenue: unit price × quantity × (1 − discount), all orders by order date")
        @NotBlank @Size(max = 4000) String description,
        @Schema(example = "USD") @NotBlank @Size(max = 40) String unit,
        @NotNull Direction direction,
        @Schema(example = "finance") @NotBlank @Size(max = 100) String ownerDepartment,
        @Schema(description = "The steward answerable for the definition", example = "alice") @NotBlank @Size(max = 100)
        String steward,
        @NotNull MetricKind kind,
        @Schema(description = "Dataset the metric is computed from (SIMPLE, FIRST_SEEN, ENTITY_COUNT)", example = "orders")
        String dataset,
        @Schema(description = "SIMPLE: the aggregate function", example = "SUM") Aggregation aggregation,
        @Schema(description = "SIMPLE: the expression aggregated (optional for COUNT)",
                example = "unit_price * quantity * (1 - discount)") @Size(max = 4000) String expression,
        @Schema(description = "Which records count (a condition over the dataset's fields)",
                example = "shipped_date is not null") @Size(max = 4000) String filter,
        @Schema(description = "FIRST_SEEN and ENTITY_COUNT: the expression identifying an entity", example = "customer_id")
        @Size(max = 1000) String entity,
        @Schema(description = "ENTITY_COUNT: the per-entity condition") @Valid EntityCondition entityCondition,
        @Schema(description = "RATIO: metric key of the numerator", example = "repeat_customers") String numerator,
        @Schema(description = "RATIO: metric key of the denominator", example = "ordering_customers") String denominator,
        @Schema(description = "DERIVED: formula over metric keys; previous(m) and last_year(m) read offset periods",
                example = "revenue / last_year(revenue) - 1") @Size(max = 4000) String formula,
        @Schema(description = "CUMULATIVE: the metric accumulated", example = "revenue") String base,
        @Schema(description = "CUMULATIVE: the window") CumulativeWindow window,
        @Schema(description = "Dataset fields the metric may be sliced by", example = "[\"ship_country\"]")
        List<@NotBlank @Pattern(regexp = "^[a-z][a-z0-9_]{0,62}$") String> dimensions,
        @Schema(description = "Rounding of every value; money is HALF_UP to 2 places unless stated otherwise")
        @Valid Rounding rounding,
        @Schema(description = "How old the newest data may be before the metric counts as stale (ISO-8601)",
                example = "P1D", implementation = String.class) Duration freshness,
        @Schema(example = "[\"sales\", \"board\"]") List<@NotBlank @Size(max = 50) String> tags,
        @Schema(description = "If set, only these departments (and admins, stewards) may read the metric",
                example = "[\"finance\"]") List<@NotBlank String> restrictedTo) {

    public List<String> dimensionsOrEmpty() {
        return dimensions == null ? List.of() : dimensions;
    }

    public List<String> tagsOrEmpty() {
        return tags == null ? List.of() : tags;
    }

    public List<String> restrictedToOrEmpty() {
        return restrictedTo == null ? List.of() : restrictedTo;
    }

    /** The rounding in force: the stated one, else money rounding (2 places, HALF_UP). */
    public Rounding roundingOrDefault() {
        return rounding == null ? Rounding.MONEY : rounding;
    }
}
