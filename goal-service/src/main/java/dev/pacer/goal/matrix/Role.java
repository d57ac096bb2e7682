package dev.pacer.goal.matrix;

/** A department's part in a goal. */
public enum Role {
    /** The department accountable for the goal. */
    OWNER,
    /** A department that contributes to it. */
    CONTRIBUTOR
}
