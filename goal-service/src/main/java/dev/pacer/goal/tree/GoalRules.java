package dev.pacer.goal.tree;

import dev.pacer.platform.problem.Problem.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The rules a goal must follow, on its own and in the tree, checked without any framework. Each broken rule is a
 * {@link FieldError} naming the request field to fix.
 */
public final class GoalRules {
    /** Metric keys and dimension names: lower-case identifiers, as the indicator centre makes them. */
    public static final String KEY_PATTERN = "^[a-z][a-z0-9_]{0,62}$";
    /** The most that the sub-goals of one parent may weigh together. */
    public static final BigDecimal MAX_CHILDREN_WEIGHT = new BigDecimal("100");
    /** The weight of an annual objective that names none. */
    public static final BigDecimal DEFAULT_ROOT_WEIGHT = MAX_CHILDREN_WEIGHT;
    /** A QUARTERLY_MILESTONES plan names one value per fiscal quarter. */
    public static final int MILESTONES = 4;

    private GoalRules() {
    }

    /** Every rule the goal breaks on its own (without looking at the tree); empty when it has none. */
    public static List<FieldError> violations(GoalRequest g) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Period> period = Period.parse(g.period());
        if (g.period() != null && period.isEmpty()) {
            errors.add(new FieldError("period", "must be a fiscal year like FY2026 or a quarter like FY2026-Q2"));
        }
        GoalWindow w = g.window();
        if (w != null && w.fromQuarter() != null && w.toQuarter() != null) {
            if (!w.ordered()) {
                errors.add(new FieldError("window", "starts in " + w.fromQuarter() + ", after it ends in " + w.toQuarter()));
            } else if (period.isPresent() && !period.get().window().contains(w)) {
                errors.add(new FieldError("window", w.label() + " lies outside the period " + period.get().label()));
            }
        }
        contributors(g, errors);
        targets(g, errors);
        plan(g, period.orElse(null), errors);
        return errors;
    }

    /** The window a goal is measured in: the one it names, else its whole period. */
    public static GoalWindow effectiveWindow(GoalWindow requested, Period period) {
        return requested != null ? requested : period.window();
    }

    /** The weight a goal has in its parent: the one it names, else 100 for an annual objective. */
    public static Optional<BigDecimal> effectiveWeight(BigDecimal requested, boolean hasParent) {
        if (requested != null) {
            return Optional.of(requested);
        }
        return hasParent ? Optional.empty() : Optional.of(DEFAULT_ROOT_WEIGHT);
    }

    /** A sub-goal must say how much of its parent it carries. */
    public static Optional<FieldError> weightOfSubGoal(BigDecimal requested) {
        return requested != null ? Optional.empty()
                : Optional.of(new FieldError("weight", "is required for a sub-goal: its share of the parent goal, 0–100"));
    }

    /**
     * A sub-goal lies inside its parent: the same fiscal year (and the same quarter when the parent is a quarter
     * goal), and a window inside the parent's window.
     */
    public static List<FieldError> insideParent(Placement child, Placement parent) {
        String parentName = "the parent goal '" + parent.title() + "'";
        if (child.period().fiscalYear() != parent.period().fiscalYear()) {
            return List.of(new FieldError("period", child.period().label() + " is not in FY"
                    + parent.period().fiscalYear() + ", the fiscal year of " + parentName + " (" + parent.period().label() + ")"));
        }
        if (parent.period().isQuarter() && !parent.period().equals(child.period())) {
            return List.of(new FieldError("period", "must be " + parent.period().label() + ", the period of "
                    + parentName + ", not " + child.period().label()));
        }
        if (!parent.window().contains(child.window())) {
            boolean periodIsTheCause = child.period().isQuarter() && !parent.window().contains(child.period().window());
            return List.of(new FieldError(periodIsTheCause ? "period" : "window",
                    (periodIsTheCause ? child.period().label() : child.window().label())
                    + " is not inside the window of " + parentName + " (" + parent.window().label() + ")"));
        }
        return List.of();
    }

    /** After a change to a goal, each of its sub-goals must still lie inside it. */
    public static List<FieldError> stillContainsChildren(Placement goal, List<Placement> children) {
        List<FieldError> errors = new ArrayList<>();
        for (Placement child : children) {
            if (insideParent(child, goal).isEmpty()) {
                continue;
            }
            // the goal's period is to blame when it leaves the child's year or narrows to a quarter; else its window
            String field = child.period().fiscalYear() != goal.period().fiscalYear() || goal.period().isQuarter()
                    ? "period" : "window";
            errors.add(new FieldError(field, "would no longer contain the sub-goal '" + child.title() + "' ("
                    + child.period().label() + ", " + child.window().label() + "); change or move it first"));
        }
        return errors;
    }

    /**
     * The sub-goals of one parent weigh at most 100 together.
     *
     * @param weight   the weight of the goal being written
     * @param siblings the weights of the parent's other sub-goals
     */
    public static Optional<FieldError> siblingWeights(BigDecimal weight, List<BigDecimal> siblings) {
        BigDecimal others = siblings.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal total = others.add(weight);
        if (total.compareTo(MAX_CHILDREN_WEIGHT) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new FieldError("weight", "the sub-goals of the parent would weigh "
                + total.stripTrailingZeros().toPlainString() + " in total, more than "
                + MAX_CHILDREN_WEIGHT.toPlainString() + " (its other sub-goals weigh "
                + others.stripTrailingZeros().toPlainString() + ")"));
    }

    /**
     * A goal cannot sit below itself.
     *
     * @param self           the goal being moved
     * @param newParentChain the new parent, its parent, and so on up to the annual objective
     */
    public static Optional<FieldError> notItsOwnAncestor(UUID self, List<UUID> newParentChain) {
        if (newParentChain.contains(self)) {
            return Optional.of(new FieldError("parentId", newParentChain.get(0).equals(self)
                    ? "cannot be the goal itself" : "is a sub-goal of this goal; a goal cannot sit below itself"));
        }
        return Optional.empty();
    }

    private static void contributors(GoalRequest g, List<FieldError> errors) {
        List<String> contributors = g.contributingDepartments() == null ? List.of() : g.contributingDepartments();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < contributors.size(); i++) {
            String d = contributors.get(i);
            if (d == null) {
                continue;
            }
            if (d.equals(g.ownerDepartment())) {
                errors.add(new FieldError("contributingDepartments[" + i + "]", "'" + d + "' is the owner department"));
            } else if (!seen.add(d)) {
                errors.add(new FieldError("contributingDepartments[" + i + "]", "lists '" + d + "' twice"));
            }
        }
    }

    private static void targets(GoalRequest g, List<FieldError> errors) {
        if (g.challengeTarget() == null) {
            return;
        }
        if (g.baseTarget() == null) {
            errors.add(new FieldError("baseTarget", "is required when a challengeTarget is set"));
            return;
        }
        Direction direction = g.direction() == null ? Direction.HIGHER_IS_BETTER : g.direction();
        if (!direction.isBeyond(g.challengeTarget(), g.baseTarget())) {
            errors.add(new FieldError("challengeTarget", "must be "
                    + (direction == Direction.HIGHER_IS_BETTER ? "above" : "below") + " the baseTarget ("
                    + g.baseTarget().toPlainString() + ") for a " + direction + " goal"));
        }
    }

    private static void plan(GoalRequest g, Period period, List<FieldError> errors) {
        Plan plan = g.plan();
        if (plan == null || plan.type() == null) {
            return;
        }
        List<?> milestones = plan.milestones();
        switch (plan.type()) {
            case QUARTERLY_MILESTONES -> {
                if (period != null && period.isQuarter()) {
                    errors.add(new FieldError("plan.type", "QUARTERLY_MILESTONES needs a fiscal-year period, and "
                            + period.label() + " is a single quarter"));
                }
                if (milestones == null || milestones.size() != MILESTONES) {
                    errors.add(new FieldError("plan.milestones", "needs " + MILESTONES
                            + " values, one per fiscal quarter (Q1–Q4), not " + (milestones == null ? 0 : milestones.size())));
                }
            }
            case LINEAR, SEASONAL -> {
                if (milestones != null && !milestones.isEmpty()) {
                    errors.add(new FieldError("plan.milestones", "only a QUARTERLY_MILESTONES plan takes milestones"));
                }
                if (plan.type() == PlanType.SEASONAL && g.measure() == null) {
                    errors.add(new FieldError("plan.type", "SEASONAL follows last year's actuals of the goal's "
                            + "measure; set a measure or choose LINEAR"));
                }
            }
        }
    }
}
