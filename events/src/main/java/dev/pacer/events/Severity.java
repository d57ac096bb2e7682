package dev.pacer.events;

/** The severity of an alert. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
