package dev.pacer.goal.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A review as the API answers it: what was found when it was generated, and its action items as they are now. */
@Schema(name = "Review")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Review(
        @Schema(example = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d") UUID id,
        @Schema(example = "FY2026-Q3") String period,
        @Schema(example = "2026-07-01") LocalDate from,
        @Schema(description = "Last day of the period", example = "2026-09-30") LocalDate to,
        @Schema(example = "9b2f6c1e-3a5d-4c8e-9f11-2d7a6b0c4e21") UUID rootGoalId,
        @Schema(example = "市场部") String department,
        OffsetDateTime createdAt,
        @Schema(example = "li.na") String createdBy,
        List<ReviewContent.GoalLine> goals,
        List<ReviewContent.StatusChange> statusChanges,
        List<ReviewContent.Laggard> laggards,
        ReviewContent.CheckInSummary checkIns,
        List<Action> actions) {
}
