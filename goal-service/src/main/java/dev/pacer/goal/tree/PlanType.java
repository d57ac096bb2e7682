package dev.pacer.goal.tree;

/** How the expected value is spread over a goal's window. */
public enum PlanType {
    /** Evenly over the window. */
    LINEAR,
    /** One expected value per fiscal quarter, given as four milestones. */
    QUARTERLY_MILESTONES,
    /** Shaped like last year's actuals of the goal's measure. */
    SEASONAL
}
