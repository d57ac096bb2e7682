package dev.pacer.goal.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a review found, as composed when it was generated (stored as it was; see {@link ReviewComposer}). */
@Schema(name = "ReviewContent")
public record ReviewContent(List<GoalLine> goals, List<StatusChange> statusChanges, List<Laggard> laggards,
        CheckInSummary checkIns) {

    public ReviewContent {
        goals = List.copyOf(goals);
        statusChanges = List.copyOf(statusChanges);
        laggards = List.copyOf(laggards);
    }

    /** A goal's standing at the end of the period (or now, for a period still running). */
    @Schema(name = "ReviewGoal")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GoalLine(
            @Schema(example = "4e0c2a9d-1b7f-4d3e-8a65-0f9e2c7b1d34") UUID goalId,
            @Schema(example = "9b2f6c1e-3a5d-4c8e-9f11-2d7a6b0c4e21") UUID parentId,
            @Schema(example = "新增客户数") String title,
            @Schema(example = "市场部") String ownerDepartment,
            @Schema(example = "zhang.wei") String ownerPerson,
            @Schema(example = "[\"客户服务部\"]") List<String> contributingDepartments,
            @Schema(description = "The goal's weight in its parent", example = "60") BigDecimal weight,
            @Schema(description = "Pace status at the end of the period; NO_DATA without progress by then",
                    example = "AT_RISK") PaceStatus status,
            @Schema(description = "Date of the progress the line shows", example = "2026-09-30") LocalDate asOf,
            @Schema(example = "980") BigDecimal actual,
            @Schema(description = "Expected by then under the plan, towards the base target", example = "1050")
            BigDecimal expected,
            @Schema(example = "1400") BigDecimal baseTarget,
            @Schema(example = "0.933333") BigDecimal attainmentToDate,
            @Schema(description = "Attainment of the base target", example = "0.7") BigDecimal attainmentBase,
            @Schema(description = "actual − expected", example = "-70") BigDecimal varianceToExpected,
            @Schema(description = "actual − base target", example = "-420") BigDecimal varianceToBase) {
    }

    /** A change of a goal's pace status within the period. */
    @Schema(name = "ReviewStatusChange")
    public record StatusChange(
            @Schema(example = "4e0c2a9d-1b7f-4d3e-8a65-0f9e2c7b1d34") UUID goalId,
            @Schema(example = "新增客户数") String title,
            @Schema(example = "2026-08-15") LocalDate asOf,
            @Schema(example = "ON_TRACK") PaceStatus from,
            @Schema(example = "AT_RISK") PaceStatus to) {
    }

    /** An OFF_TRACK or AT_RISK goal and the sub-goals that pull it down most. */
    @Schema(name = "ReviewLaggard")
    public record Laggard(
            @Schema(example = "9b2f6c1e-3a5d-4c8e-9f11-2d7a6b0c4e21") UUID goalId,
            @Schema(example = "客户增长") String title,
            @Schema(example = "OFF_TRACK") PaceStatus status,
            @Schema(example = "0.81") BigDecimal attainmentToDate,
            @Schema(description = "Sub-goals below plan, the largest shortfall first") List<Drag> pulledDownBy) {
    }

    /**
     * A sub-goal's part in its parent's roll-up: {@code contribution = share × attainment to date} and
     * {@code shortfall = share × (1 − attainment to date)}, the share being its weight among the sub-goals with data.
     */
    @Schema(name = "ReviewDrag")
    public record Drag(
            @Schema(example = "4e0c2a9d-1b7f-4d3e-8a65-0f9e2c7b1d34") UUID goalId,
            @Schema(example = "老客户复购率") String title,
            @Schema(example = "AT_RISK") PaceStatus status,
            @Schema(example = "40") BigDecimal weight,
            @Schema(example = "0.7") BigDecimal attainmentToDate,
            @Schema(description = "What it adds to the parent's attainment to date", example = "0.28")
            BigDecimal contribution,
            @Schema(description = "How much of the parent's attainment to date it costs", example = "0.12")
            BigDecimal shortfall) {
    }

    /** The check-ins of the period's goals written within the period. */
    @Schema(name = "ReviewCheckIns")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckInSummary(
            @Schema(example = "12") int count,
            @Schema(description = "Mean confidence (0–10); absent without check-ins", example = "6.5")
            BigDecimal averageConfidence,
            @Schema(description = "Blockers named by each goal's latest check-in of the period")
            List<Blocker> openBlockers) {
        public CheckInSummary {
            openBlockers = List.copyOf(openBlockers);
        }
    }

    /** A blocker still named by a goal's latest check-in of the period. */
    @Schema(name = "ReviewBlocker")
    public record Blocker(
            @Schema(example = "4e0c2a9d-1b7f-4d3e-8a65-0f9e2c7b1d34") UUID goalId,
            @Schema(example = "新增客户数") String title,
            @Schema(example = "zhang.wei") String author,
            @Schema(example = "渠道预算尚未批复") String blockers,
            OffsetDateTime at) {
    }
}
