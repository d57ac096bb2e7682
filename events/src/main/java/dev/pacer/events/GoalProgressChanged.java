package dev.pacer.events;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The progress, pace or forecast of a goal changed (published by goal-service). {@code goalStatus} is {@code ACTIVE}
 * while the goal is tracked, and {@code CLOSED} in the one event published when it is closed: its final figures, after
 * which nothing judges it any more (alert-service resolves its alerts). Absent (older producers) means ACTIVE.
 */
public record GoalProgressChanged(
        String goalId,
        String parentGoalId,
        String title,
        String ownerDepartment,
        List<String> departments,
        String metricKey,
        String periodLabel,
        BigDecimal actual,
        BigDecimal expected,
        BigDecimal baseTarget,
        BigDecimal challengeTarget,
        BigDecimal attainmentBase,
        BigDecimal attainmentChallenge,
        PaceStatus paceStatus,
        PaceStatus previousPaceStatus,
        BigDecimal forecast,
        OffsetDateTime asOf,
        String goalStatus) implements EventPayload {

    public static final String ACTIVE = "ACTIVE";
    public static final String CLOSED = "CLOSED";

    public GoalProgressChanged {
        Checks.text(goalId, "goalId");
        Checks.text(title, "title");
        Checks.text(ownerDepartment, "ownerDepartment");
        Checks.text(periodLabel, "periodLabel");
        Checks.present(paceStatus, "paceStatus");
        Checks.present(asOf, "asOf");
        departments = Checks.copyOrEmpty(departments);
        goalStatus = goalStatus == null ? ACTIVE : goalStatus;
        if (!ACTIVE.equals(goalStatus) && !CLOSED.equals(goalStatus)) {
            throw new IllegalArgumentException("goalStatus must be ACTIVE or CLOSED, was " + goalStatus);
        }
    }

    /** The progress of a goal that is tracked (ACTIVE). */
    public GoalProgressChanged(String goalId, String parentGoalId, String title, String ownerDepartment,
            List<String> departments, String metricKey, String periodLabel, BigDecimal actual, BigDecimal expected,
            BigDecimal baseTarget, BigDecimal challengeTarget, BigDecimal attainmentBase, BigDecimal attainmentChallenge,
            PaceStatus paceStatus, PaceStatus previousPaceStatus, BigDecimal forecast, OffsetDateTime asOf) {
        this(goalId, parentGoalId, title, ownerDepartment, departments, metricKey, periodLabel, actual, expected,
                baseTarget, challengeTarget, attainmentBase, attainmentChallenge, paceStatus, previousPaceStatus,
                forecast, asOf, ACTIVE);
    }

    /** Whether this is the closing event of a goal: its final figures, no longer judged. */
    public boolean closed() {
        return CLOSED.equals(goalStatus);
    }

    @Override
    public String kafkaKey() {
        return goalId;
    }

    @Override
    public String eventType() {
        return EventTypes.GOAL_PROGRESS_CHANGED;
    }

    @Override
    public String topic() {
        return Topics.GOAL_PROGRESS;
    }
}
