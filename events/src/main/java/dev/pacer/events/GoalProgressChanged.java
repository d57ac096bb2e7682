package dev.pacer.events;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** The progress, pace or forecast of a goal changed (published by goal-service). */
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
        OffsetDateTime asOf) implements EventPayload {

    public GoalProgressChanged {
        Checks.text(goalId, "goalId");
        Checks.text(title, "title");
        Checks.text(ownerDepartment, "ownerDepartment");
        Checks.text(periodLabel, "periodLabel");
        Checks.present(paceStatus, "paceStatus");
        Checks.present(asOf, "asOf");
        departments = Checks.copyOrEmpty(departments);
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
