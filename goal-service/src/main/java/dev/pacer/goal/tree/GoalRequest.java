package dev.pacer.goal.tree;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a manager writes to create a goal, or to replace one (PUT takes the same body). */
@Schema(name = "GoalRequest", description = "A goal as written by its manager; PUT replaces the goal with this body")
public record GoalRequest(
        @Schema(description = "The goal this one breaks down; absent for an annual objective",
                example = "9b2f6c1e-3a5d-4c8e-9f11-2d7a6b0c4e21")
        UUID parentId,
        @Schema(description = "What is to be achieved", example = "新增客户数")
        @NotBlank @Size(max = 200) String title,
        @Schema(description = "Why it matters and how it is reached", example = "新增下单客户数，按首单日期计")
        @Size(max = 4000) String description,
        @Schema(description = "Department accountable for the goal", example = "市场部")
        @NotBlank @Size(max = 100) String ownerDepartment,
        @Schema(description = "Person accountable for the goal", example = "zhang.wei")
        @Size(max = 100) String ownerPerson,
        @Schema(description = "Other departments that contribute to it (not the owner department)",
                example = "[\"客户服务部\"]")
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> contributingDepartments,
        @Schema(description = "Fiscal year (FY2026) or one of its quarters (FY2026-Q2)", example = "FY2026")
        @NotBlank @Pattern(regexp = Period.PATTERN, message = "must be a fiscal year like FY2026 or a quarter like FY2026-Q2")
        String period,
        @Schema(description = "Quarters of the period in which the goal is measured; the whole period when absent")
        @Valid GoalWindow window,
        @Schema(description = "Share of the parent goal, 0–100; sub-goals of one parent weigh at most 100 together. "
                + "Required for a sub-goal; 100 when absent on an annual objective", example = "60")
        @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal weight,
        @Schema(description = "The metric the goal is measured by; absent for a goal judged by its sub-goals")
        @Valid Measure measure,
        @Schema(description = "Value at the start", example = "1200")
        @Digits(integer = 15, fraction = 6) BigDecimal baseline,
        @Schema(description = "Target to reach (base)", example = "1500")
        @Digits(integer = 15, fraction = 6) BigDecimal baseTarget,
        @Schema(description = "Stretch target; beyond the base target in the goal's direction", example = "1800")
        @Digits(integer = 15, fraction = 6) BigDecimal challengeTarget,
        @Schema(description = "Which way the measure should move; HIGHER_IS_BETTER when absent",
                example = "HIGHER_IS_BETTER")
        Direction direction,
        @Schema(description = "How the expected value is spread over the window; LINEAR when absent")
        @Valid Plan plan) {
}
