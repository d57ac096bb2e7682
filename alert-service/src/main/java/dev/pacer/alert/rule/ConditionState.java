package dev.pacer.alert.rule;

import java.time.OffsetDateTime;
import java.util.Objects;

/** The small per-subject state a condition carries from one evaluation to the next (passed in, returned out). */
public sealed interface ConditionState permits ConditionState.None, ConditionState.PaceStreak {

    /** The state of stateless kinds, and of any kind before its first evaluation. */
    None NONE = new None();

    /** No state. */
    record None() implements ConditionState {
    }

    /**
     * A goal's run of consecutive evaluations whose pace was worse than the rule's threshold.
     *
     * @param consecutive how many evaluations in a row were worse (0 after a good one)
     * @param since       the {@code asOf} of the first worse evaluation of the run; null when {@code consecutive} is 0
     * @param lastAsOf    the {@code asOf} of the last evaluation counted; an evaluation not after it (a duplicate or
     *                    a late event) does not advance the run
     */
    record PaceStreak(int consecutive, OffsetDateTime since, OffsetDateTime lastAsOf) implements ConditionState {
        public PaceStreak {
            if (consecutive < 0) {
                throw new IllegalArgumentException("consecutive must be >= 0, was " + consecutive);
            }
            if (consecutive > 0) {
                Objects.requireNonNull(since, "since");
            }
        }

        public static PaceStreak empty() {
            return new PaceStreak(0, null, null);
        }
    }
}
