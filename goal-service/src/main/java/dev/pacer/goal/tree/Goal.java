package dev.pacer.goal.tree;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A goal as the API returns it: a node of the breakdown tree, with its targets and plan. */
@Schema(name = "Goal", description = "A node of the goal breakdown tree")
public record Goal(
        @Schema(example = "4e0c2a9d-1b7f-4d3e-8a65-0f9e2c7b1d34") UUID id,
        @Schema(description = "The goal this one breaks down; null for an annual objective",
                example = "9b2f6c1e-3a5d-4c8e-9f11-2d7a6b0c4e21") UUID parentId,
        @Schema(example = "新增客户数") String title,
        @Schema(example = "新增下单客户数，按首单日期计") String description,
        @Schema(example = "市场部") String ownerDepartment,
        @Schema(example = "zhang.wei") String ownerPerson,
        @Schema(example = "[\"客户服务部\"]") List<String> contributingDepartments,
        @Schema(example = "FY2026") String period,
        GoalWindow window,
        @Schema(description = "Share of the parent goal, 0–100", example = "60") BigDecimal weight,
        Measure measure,
        @Schema(example = "1200") BigDecimal baseline,
        @Schema(example = "1500") BigDecimal baseTarget,
        @Schema(example = "1800") BigDecimal challengeTarget,
        @Schema(example = "HIGHER_IS_BETTER") Direction direction,
        Plan plan,
        @Schema(description = "DRAFT until activated", example = "DRAFT") GoalStatus status,
        @Schema(description = "Incremented by every change; send it back in If-Match to update", example = "1")
        int version,
        OffsetDateTime createdAt,
        @Schema(example = "zhang.wei") String createdBy,
        OffsetDateTime updatedAt,
        @Schema(example = "zhang.wei") String updatedBy) {
}
