package dev.pacer.goal.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A goal's current progress as the API returns it. Attainments are ratios: 1 = 100 %. */
@Schema(name = "GoalProgress", description = "A goal's current progress, pace and forecast. Attainments are ratios "
        + "(1 = 100 %), direction-aware (above 1 is better for lower-is-better goals too).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GoalProgress(
        @Schema(example = "4e0c2a9d-1b7f-4d3e-8a65-0f9e2c7b1d34") UUID goalId,
        @Schema(description = "Pace status that counts: the goal's own when it has a measure, else its sub-goals' "
                + "roll-up", example = "ON_TRACK") PaceStatus status,
        @Schema(description = "The status before the last change", example = "AT_RISK") PaceStatus previousStatus,
        @Schema(description = "Attainment against what the plan expects by now", example = "0.97")
        BigDecimal attainmentToDate,
        @Schema(description = "Attainment against the base target", example = "0.48") BigDecimal attainmentBase,
        @Schema(description = "Attainment against the challenge target", example = "0.4") BigDecimal attainmentChallenge,
        @Schema(example = "1500") BigDecimal baseTarget,
        @Schema(example = "1800") BigDecimal challengeTarget,
        @Schema(description = "Last day whose data counted", example = "2026-06-30") LocalDate asOf,
        OffsetDateTime computedAt,
        @Schema(description = "Incremented by every change of the progress", example = "3") int version,
        @Schema(description = "The goal's own progress; absent for a goal judged by its sub-goals") Measured measured,
        @Schema(description = "The weighted roll-up of its tracked sub-goals; absent without any") RolledUp rollUp,
        @Schema(description = "The targets the goal started with, before any adjustment, and the attainment against "
                + "them (the same as the current ones while the goal was never adjusted)") Original original) {

    /** The targets before any adjustment and the goal's own attainment against them. */
    @Schema(name = "OriginalTargets")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Original(
            @Schema(example = "1500") BigDecimal baseTarget,
            @Schema(example = "1800") BigDecimal challengeTarget,
            @Schema(description = "The goal's own actual against the original base target; absent for a goal judged "
                    + "by its sub-goals", example = "0.48") BigDecimal attainmentBase,
            @Schema(example = "0.4") BigDecimal attainmentChallenge,
            @Schema(description = "How many times the targets were adjusted", example = "1") long adjustments) {
    }

    /** The progress of a goal by its own measure. */
    @Schema(name = "MeasuredProgress")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measured(
            @Schema(description = "Actual to date; absent without data", example = "720") BigDecimal actual,
            @Schema(description = "Expected by now under the plan, towards the base target", example = "743.8")
            BigDecimal expectedBase,
            @Schema(description = "The same towards the challenge target", example = "892.6")
            BigDecimal expectedChallenge,
            @Schema(example = "0.968") BigDecimal attainmentToDateBase,
            @Schema(example = "0.807") BigDecimal attainmentToDateChallenge,
            @Schema(example = "ON_TRACK") PaceStatus status,
            @Schema(description = "Value expected at the end of the window along the plan's shape (run rate for "
                    + "LINEAR, last year's shape for SEASONAL, the milestone curve for QUARTERLY_MILESTONES)",
                    example = "1452") BigDecimal forecast,
            @Schema(description = "Value expected at the end of the window at the run rate so far", example = "1448")
            BigDecimal runRateForecast,
            @Schema(description = "Periods of the window with a value so far", example = "6") int periodsWithData,
            @Schema(example = "181") long elapsedDays,
            @Schema(example = "365") long windowDays) {
    }

    /** The roll-up of a goal's sub-goals. */
    @Schema(name = "RolledUpProgress")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RolledUp(
            @Schema(example = "1.02") BigDecimal attainmentToDate,
            @Schema(example = "0.51") BigDecimal attainmentBase,
            @Schema(example = "0.43") BigDecimal attainmentChallenge,
            @Schema(example = "ON_TRACK") PaceStatus status,
            @Schema(description = "Sub-goals that had data and counted", example = "2") int childrenWithData,
            @Schema(description = "Tracked (active or closed) sub-goals", example = "3") int children) {
    }

    static GoalProgress of(GoalProgressEntity e, Original original) {
        ProgressSnapshot s = ProgressRows.snapshot(e);
        Progress own = s.own();
        RollUp r = s.rollUp();
        return new GoalProgress(e.goalId, e.status, e.previousStatus, e.attainmentToDate, e.attainmentBase,
                e.attainmentChallenge, e.baseTarget, e.challengeTarget, e.asOf, e.computedAt, e.version,
                own == null ? null : new Measured(own.actual(), own.expectedBase(), own.expectedChallenge(),
                        own.attainmentToDateBase(), own.attainmentToDateChallenge(), own.status(), own.forecast(),
                        own.runRateForecast(), own.periodsWithData(), own.elapsedDays(), own.windowDays()),
                r == null ? null : new RolledUp(r.attainmentToDate(), r.attainmentBase(), r.attainmentChallenge(),
                        r.status(), r.childrenWithData(), r.children()), original);
    }
}
