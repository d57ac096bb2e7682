package dev.pacer.metric.definition;

/** How a metric is computed (see the architecture, §2). */
public enum MetricKind {
    /** An aggregation of an expression over a dataset, with a filter. */
    SIMPLE,
    /** Entities whose first record falls in the period (new customers). */
    FIRST_SEEN,
    /** Entities whose own aggregate in the period meets a condition (customers with ≥ 2 orders). */
    ENTITY_COUNT,
    /** One metric over another, each aggregated before dividing. */
    RATIO,
    /** A formula over other metrics, with period offsets. */
    DERIVED,
    /** A running total of another metric: year-, quarter- or month-to-date. */
    CUMULATIVE,
    /** Values pushed as they are. */
    REPORTED
}
