package dev.pacer.goal.checkin;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A check-in as kept. */
@Schema(name = "CheckIn", description = "A check-in on a goal by one of its owners or contributors")
public record CheckIn(
        @Schema(example = "5d1c6c2e-0b8e-4f57-9a43-6a1e2d3c4b5f") UUID id,
        @Schema(example = "4e0c2a9d-1b7f-4d3e-8a65-0f9e2c7b1d34") UUID goalId,
        @Schema(description = "The token's subject", example = "li.na") String author,
        @Schema(description = "The author's department the check-in speaks for (owner first); absent for an admin",
                example = "市场部") String department,
        @Schema(example = "华东新客户增长放缓，6 月加推渠道活动") String comment,
        @Schema(example = "6") int confidence,
        @Schema(example = "渠道预算尚未批复") String blockers,
        OffsetDateTime createdAt) {
}
