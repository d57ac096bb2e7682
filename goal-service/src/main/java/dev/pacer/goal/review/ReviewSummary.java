package dev.pacer.goal.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A review in a list: what it covers and how it stands, without its goal lines ({@code GET /reviews/{id}} has them). */
@Schema(name = "ReviewSummary")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewSummary(
        @Schema(example = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d") UUID id,
        @Schema(example = "FY2026-Q3") String period,
        @Schema(example = "2026-07-01") LocalDate from,
        @Schema(description = "Last day of the period", example = "2026-09-30") LocalDate to,
        @Schema(description = "The sub-tree reviewed, if one was asked for",
                example = "9b2f6c1e-3a5d-4c8e-9f11-2d7a6b0c4e21") UUID rootGoalId,
        @Schema(description = "The owner department reviewed, if one was asked for", example = "市场部")
        String department,
        @Schema(example = "2026-10-08T09:30:00Z") OffsetDateTime createdAt,
        @Schema(example = "li.na") String createdBy,
        @Schema(description = "Goals reviewed", example = "12") int goals,
        @Schema(description = "Goals found behind", example = "3") int laggards,
        @Schema(description = "Action items still open", example = "2") int openActions) {
}
