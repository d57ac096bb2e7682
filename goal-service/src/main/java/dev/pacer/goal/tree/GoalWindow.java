package dev.pacer.goal.tree;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The quarters of its period in which a goal is measured, first and last included. */
@Schema(name = "GoalWindow", description = "Quarters of the period in which the goal is measured, both included")
public record GoalWindow(
        @Schema(description = "First quarter of the window", example = "Q2") @NotNull Quarter fromQuarter,
        @Schema(description = "Last quarter of the window", example = "Q4") @NotNull Quarter toQuarter) {

    /** True when the window starts no later than it ends. */
    public boolean ordered() {
        return fromQuarter.compareTo(toQuarter) <= 0;
    }

    /** True when every quarter of {@code other} is a quarter of this window. */
    public boolean contains(GoalWindow other) {
        return fromQuarter.compareTo(other.fromQuarter) <= 0 && toQuarter.compareTo(other.toQuarter) >= 0;
    }

    /** {@code Q2–Q4}, or {@code Q3} for a single quarter. */
    public String label() {
        return fromQuarter == toQuarter ? fromQuarter.toString() : fromQuarter + "–" + toQuarter;
    }
}
