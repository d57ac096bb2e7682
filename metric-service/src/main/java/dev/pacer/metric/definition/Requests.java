package dev.pacer.metric.definition;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and answer bodies of the metrics API that are not the metric itself. */
public final class Requests {
    private Requests() {
    }

    /** Define a new metric (version 1, DRAFT). */
    @Schema(name = "NewMetric")
    public record NewMetric(
            @Schema(description = "Unique key; a lower-case identifier", example = "revenue")
            @NotBlank @Pattern(regexp = "^[a-z][a-z0-9_]{0,62}$", message = "must be a lower-case identifier (a-z, 0-9, _)")
            String key,
            @Valid @NotNull MetricDefinition definition) {
    }

    /** Change a metric: a new immutable version. */
    @Schema(name = "MetricChange")
    public record MetricChange(
            @Valid @NotNull MetricDefinition definition,
            @Schema(example = "Discounts are now netted out") @NotBlank @Size(max = 1000) String reason,
            @Schema(description = "From when the new definition applies (default today)", example = "2026-01-01")
            LocalDate effectiveDate) {
    }

    /** Move a metric through its lifecycle. */
    @Schema(name = "LifecycleChange")
    public record LifecycleChange(
            @Schema(description = "CERTIFIED (stewards and admins) or DEPRECATED", example = "CERTIFIED") @NotNull
            Lifecycle status,
            @Schema(example = "Reviewed with finance") @NotBlank @Size(max = 1000) String reason) {
    }

    /** One field that differs between two versions. */
    @Schema(name = "FieldChange")
    public record FieldChange(
            @Schema(example = "expression") String field,
            @Schema(example = "unit_price * quantity") Object before,
            @Schema(example = "unit_price * quantity * (1 - discount)") Object after) {
    }

    /** The differences between two versions of a metric. */
    @Schema(name = "MetricDiff")
    public record MetricDiff(
            @Schema(example = "revenue") String key,
            @Schema(description = "The older version compared", example = "1") int from,
            @Schema(description = "The newer version compared", example = "2") int to,
            Lifecycle fromStatus, Lifecycle toStatus,
            @Schema(description = "Each field that differs, with both values") List<FieldChange> changes) {
    }

    /** What a metric is computed from and what is computed from it. */
    @Schema(name = "Lineage")
    public record Lineage(
            @Schema(example = "repeat_purchase_rate") String key,
            @Schema(description = "The dataset read directly, if any", example = "orders") String dataset,
            @Schema(description = "The dataset fields read", example = "[\"customer_id\", \"order_id\"]")
            List<String> fields,
            @Schema(description = "Metrics this one is computed from, transitively, nearest first",
                    example = "[\"repeat_customers\", \"active_customers\"]")
            List<String> upstream,
            @Schema(description = "Metrics computed from this one, transitively, nearest first",
                    example = "[\"repeat_purchase_rate_yoy\"]")
            List<String> downstream) {
    }
}
