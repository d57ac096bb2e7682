package dev.pacer.goal.tree;

/** Lifecycle of a goal: drafted, activated once its SMART check passes, closed at the end of its period. */
public enum GoalStatus {
    DRAFT, ACTIVE, CLOSED
}
