package dev.pacer.metric.definition;

/** Whether a higher or a lower value is better. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER
}
