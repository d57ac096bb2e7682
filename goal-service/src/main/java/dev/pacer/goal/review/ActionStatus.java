package dev.pacer.goal.review;

/** Where an action item stands. */
public enum ActionStatus {
    OPEN, DONE, DROPPED
}
