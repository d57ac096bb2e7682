package dev.pacer.goal.adjustment;

import dev.pacer.goal.tree.Direction;
import dev.pacer.platform.problem.Problem.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What a target change must respect, checked without any framework; each broken rule names its field. */
public final class AdjustmentRules {
    private AdjustmentRules() {
    }

    /**
     * @param windowStart first day of the goal's window
     * @param windowEnd   day after its last day
     * @param today       the current business date
     */
    public static List<FieldError> violations(AdjustmentRequest r, Direction direction, LocalDate windowStart,
            LocalDate windowEnd, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (r.challengeTarget() != null && r.baseTarget() != null
                && !direction.isBeyond(r.challengeTarget(), r.baseTarget())) {
            errors.add(new FieldError("challengeTarget", "must be "
                    + (direction == Direction.HIGHER_IS_BETTER ? "above" : "below") + " the baseTarget ("
                    + r.baseTarget().toPlainString() + ") for a " + direction + " goal"));
        }
        if (r.effectiveDate() != null) {
            if (r.effectiveDate().isBefore(windowStart) || !r.effectiveDate().isBefore(windowEnd)) {
                errors.add(new FieldError("effectiveDate", "must lie in the goal's window, " + windowStart + " to "
                        + windowEnd.minusDays(1)));
            } else if (r.effectiveDate().isAfter(today)) {
                errors.add(new FieldError("effectiveDate", "cannot be after today (" + today + "): an adjustment "
                        + "applies from when it is made or earlier"));
            }
        }
        return errors;
    }
}
