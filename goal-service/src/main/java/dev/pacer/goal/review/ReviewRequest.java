package dev.pacer.goal.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What to review. */
@Schema(name = "ReviewRequest", description = "A period and, optionally, the part of the goal tree to review")
public record ReviewRequest(
        @Schema(description = "A month (2026-07), a fiscal quarter (FY2026-Q3) or a fiscal year (FY2026)",
                example = "FY2026-Q3") @NotBlank String period,
        @Schema(description = "Only this goal and its sub-goals", example = "9b2f6c1e-3a5d-4c8e-9f11-2d7a6b0c4e21")
        UUID rootGoalId,
        @Schema(description = "Only goals owned by this department", example = "市场部") @Size(max = 100)
        String department) {
}
