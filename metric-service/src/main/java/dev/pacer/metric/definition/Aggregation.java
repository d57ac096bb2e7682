package dev.pacer.metric.definition;

/** Aggregate functions of simple metrics and of per-entity conditions. */
public enum Aggregation {
    SUM, COUNT, COUNT_DISTINCT, AVERAGE, MIN, MAX;

    /** Whether values of sub-periods add up to the value of the whole (needed by cumulative metrics). */
    public boolean isAdditive() {
        return this == SUM || this == COUNT;
    }
}
