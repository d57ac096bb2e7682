package dev.pacer.goal.tree;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Where a goal sits in time and in its parent: what the tree rules compare between a goal, its parent and its
 * siblings.
 */
public record Placement(UUID id, String title, Period period, GoalWindow window, BigDecimal weight) {
}
