package dev.pacer.alert.rule;

/** Which way a metric or goal is good. */
public enum Polarity {
    HIGHER_IS_BETTER, LOWER_IS_BETTER
}
