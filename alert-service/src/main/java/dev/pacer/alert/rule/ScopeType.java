package dev.pacer.alert.rule;

/** What a rule's scope key names. */
public enum ScopeType {
    /** A metric key: metric rules on that metric, goal rules on the goals that track it. */
    METRIC,
    /** One goal id. */
    GOAL,
    /** A goal id and every goal below it. */
    GOAL_SUBTREE,
    /** A department code: the goals of that department. */
    DEPARTMENT
}
