package dev.pacer.goal.tree;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How the expected value is spread over the window. */
@Schema(name = "Plan", description = "How the expected value is spread over the goal's window")
public record Plan(
        @Schema(description = "LINEAR spreads evenly; QUARTERLY_MILESTONES takes four milestones; SEASONAL follows "
                + "last year's actuals of the measure", example = "LINEAR")
        @NotNull PlanType type,
        @Schema(description = "QUARTERLY_MILESTONES only: the value expected by the end of fiscal Q1, Q2, Q3 and Q4 "
                + "(cumulative for a TOTAL measure)", example = "[100, 250, 420, 600]")
        List<@NotNull @Digits(integer = 15, fraction = 6) BigDecimal> milestones) {

    public static final Plan LINEAR = new Plan(PlanType.LINEAR, null);

    public Plan {
        // a copy that keeps nulls, so that Bean Validation (not the JSON reader) names a missing milestone
        milestones = milestones == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(milestones));
    }
}
