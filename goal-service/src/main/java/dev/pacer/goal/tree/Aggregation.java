package dev.pacer.goal.tree;

/** How a goal's measure turns the metric values inside its window into one actual. */
public enum Aggregation {
    /** The sum over the window (new customers, revenue). */
    TOTAL,
    /** The value at the end of the window (headcount, a rate as of a date). */
    END_OF_WINDOW,
    /** The average over the window (repeat-purchase rate, on-time rate). */
    AVERAGE
}
