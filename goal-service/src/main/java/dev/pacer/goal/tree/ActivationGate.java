package dev.pacer.goal.tree;

/**
 * What a DRAFT goal must pass before it is activated (the SMART check). Implemented outside the tree, so that the
 * tree does not depend on the checks.
 */
public interface ActivationGate {
    /** Throws a problem (422) naming everything that keeps the goal from being activated; returns when it may be. */
    void requireActivatable(Goal goal);
}
