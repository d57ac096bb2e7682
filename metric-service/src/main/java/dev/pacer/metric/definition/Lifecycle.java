package dev.pacer.metric.definition;

/** A metric's lifecycle: drafted by anyone with write access, certified by a steward or admin, then deprecated. */
public enum Lifecycle {
    DRAFT, CERTIFIED, DEPRECATED
}
