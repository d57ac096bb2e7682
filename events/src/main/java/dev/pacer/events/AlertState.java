package dev.pacer.events;

/** The lifecycle state of an alert. */
public enum AlertState {
    PENDING, FIRING, RESOLVED
}
