package dev.pacer.goal.tree;

import java.util.UUID;

/**
 * A goal's terms, place in the tree or status changed (a CDI event, fired synchronously inside the transaction of
 * the change, so that what depends on the goal — its progress — changes with it or not at all).
 *
 * @param goalId           the goal
 * @param previousParentId its parent before the change (null for an annual objective); equals the current parent
 *                         unless the goal was moved
 */
public record GoalChanged(UUID goalId, UUID previousParentId) {
}
