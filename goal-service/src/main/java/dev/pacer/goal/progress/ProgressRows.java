package dev.pacer.goal.progress;

import dev.pacer.events.PaceStatus;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Maps a {@link ProgressSnapshot} to and from its rows. */
final class ProgressRows {
    private ProgressRows() {
    }

    static ProgressSnapshot snapshot(GoalProgressEntity e) {
        Progress own = !e.measured ? null : new Progress(e.asOf, e.elapsedDays, e.windowDays, e.periodsWithData,
                e.actual, e.expectedBase, e.expectedChallenge, e.attainmentToDateBase, e.attainmentToDateChallenge,
                e.ownAttainmentBase, e.ownAttainmentChallenge, e.ownStatus, e.forecast, e.runRateForecast);
        RollUp rollUp = !e.rolledUp ? null : new RollUp(e.rollUpAttainmentToDate, e.rollUpAttainmentBase,
                e.rollUpAttainmentChallenge, e.rollUpStatus, e.childrenWithData, e.children);
        return new ProgressSnapshot(e.asOf, own, rollUp, e.baseTarget, e.challengeTarget);
    }

    static void write(GoalProgressEntity e, ProgressSnapshot s, PaceStatus previous, OffsetDateTime now) {
        e.asOf = s.asOf();
        e.computedAt = now;
        e.status = s.status();
        e.previousStatus = previous;
        e.attainmentToDate = s.attainmentToDate();
        e.attainmentBase = s.attainmentBase();
        e.attainmentChallenge = s.attainmentChallenge();
        e.baseTarget = s.baseTarget();
        e.challengeTarget = s.challengeTarget();
        Progress own = s.own();
        e.measured = own != null;
        e.actual = own == null ? null : own.actual();
        e.expectedBase = own == null ? null : own.expectedBase();
        e.expectedChallenge = own == null ? null : own.expectedChallenge();
        e.attainmentToDateBase = own == null ? null : own.attainmentToDateBase();
        e.attainmentToDateChallenge = own == null ? null : own.attainmentToDateChallenge();
        e.ownAttainmentBase = own == null ? null : own.attainmentBase();
        e.ownAttainmentChallenge = own == null ? null : own.attainmentChallenge();
        e.ownStatus = own == null ? null : own.status();
        e.forecast = own == null ? null : own.forecast();
        e.runRateForecast = own == null ? null : own.runRateForecast();
        e.periodsWithData = own == null ? null : own.periodsWithData();
        e.elapsedDays = own == null ? null : own.elapsedDays();
        e.windowDays = own == null ? null : own.windowDays();
        RollUp r = s.rollUp();
        e.rolledUp = r != null;
        e.rollUpAttainmentToDate = r == null ? null : r.attainmentToDate();
        e.rollUpAttainmentBase = r == null ? null : r.attainmentBase();
        e.rollUpAttainmentChallenge = r == null ? null : r.attainmentChallenge();
        e.rollUpStatus = r == null ? null : r.status();
        e.childrenWithData = r == null ? null : r.childrenWithData();
        e.children = r == null ? null : r.children();
    }

    static ProgressHistoryEntity history(UUID goalId, ProgressSnapshot s, PaceStatus previous, OffsetDateTime now) {
        ProgressHistoryEntity h = new ProgressHistoryEntity();
        h.goalId = goalId;
        h.asOf = s.asOf();
        h.computedAt = now;
        h.status = s.status();
        h.previousStatus = previous;
        h.attainmentToDate = s.attainmentToDate();
        h.attainmentBase = s.attainmentBase();
        h.attainmentChallenge = s.attainmentChallenge();
        h.actual = s.own() == null ? null : s.own().actual();
        h.expectedBase = s.own() == null ? null : s.own().expectedBase();
        h.forecast = s.own() == null ? null : s.own().forecast();
        h.runRateForecast = s.own() == null ? null : s.own().runRateForecast();
        h.baseTarget = s.baseTarget();
        h.challengeTarget = s.challengeTarget();
        return h;
    }
}
