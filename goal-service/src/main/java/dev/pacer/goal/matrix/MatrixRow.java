package dev.pacer.goal.matrix;

import dev.pacer.goal.tree.GoalStatus;
import dev.pacer.goal.tree.Quarter;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One cell of the responsibility matrix: a department's role in a goal, and when the goal is measured. */
@Schema(name = "MatrixRow", description = "A department's role in a goal and the goal's time window")
public record MatrixRow(
        @Schema(example = "4e0c2a9d-1b7f-4d3e-8a65-0f9e2c7b1d34") UUID goalId,
        @Schema(description = "The goal's parent; absent for an annual objective",
                example = "9b2f6c1e-3a5d-4c8e-9f11-2d7a6b0c4e21") UUID parentId,
        @Schema(description = "Depth in the tree: 0 for an annual objective", example = "2") int level,
        @Schema(example = "新增客户数") String title,
        @Schema(example = "市场部") String department,
        @Schema(example = "OWNER") Role role,
        @Schema(description = "The accountable person (owner rows only)", example = "zhang.wei") String ownerPerson,
        @Schema(example = "FY2026") String period,
        @Schema(example = "Q1") Quarter fromQuarter,
        @Schema(example = "Q4") Quarter toQuarter,
        @Schema(example = "Q1–Q4") String window,
        @Schema(example = "ACTIVE") GoalStatus status) {
}
