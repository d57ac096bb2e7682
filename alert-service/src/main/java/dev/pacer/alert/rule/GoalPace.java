package dev.pacer.alert.rule;

import dev.pacer.alert.rule.ConditionState.PaceStreak;
import dev.pacer.events.GoalProgressChanged;
import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A goal's pace is worse than {@code worseThan} for {@code evaluations} consecutive evaluations (and, optionally, for
 * at least {@code forAtLeast} of event time). Pace order: OFF_TRACK &lt; AT_RISK &lt; ON_TRACK &lt; AHEAD; "worse than
 * ON_TRACK" means AT_RISK or OFF_TRACK. {@link PaceStatus#NO_DATA} is not on that scale; {@code noData} decides.
 * The run is carried in a {@link PaceStreak}; an evaluation whose {@code asOf} is not after the last one counted
 * (a duplicate or late event) leaves the run as it is.
 */
public record GoalPace(PaceStatus worseThan, int evaluations, Duration forAtLeast, NoData noData)
        implements RuleCondition {

    /** What a NO_DATA pace does to the run. */
    public enum NoData {
        /** Neither extends nor breaks the run; the verdict stays what the run says. */
        HOLD,
        /** Counts as a worse evaluation (missing data is itself a problem). */
        COUNTS_AS_WORSE,
        /** Breaks the run, like a good evaluation. */
        RESETS
    }

    public GoalPace {
        Objects.requireNonNull(worseThan, "worseThan");
        Objects.requireNonNull(noData, "noData");
        forAtLeast = forAtLeast == null ? Duration.ZERO : forAtLeast;
        if (worseThan == PaceStatus.NO_DATA || worseThan == PaceStatus.OFF_TRACK) {
            throw new IllegalArgumentException("No pace is worse than " + worseThan);
        }
        if (evaluations < 1) {
            throw new IllegalArgumentException("evaluations must be >= 1, was " + evaluations);
        }
        if (forAtLeast.isNegative()) {
            throw new IllegalArgumentException("forAtLeast must not be negative");
        }
    }

    /** Worse than {@code worseThan} for {@code evaluations} evaluations in a row; NO_DATA holds the run. */
    public static GoalPace worseThan(PaceStatus worseThan, int evaluations) {
        return new GoalPace(worseThan, evaluations, Duration.ZERO, NoData.HOLD);
    }

    /** OFF_TRACK 0, AT_RISK 1, ON_TRACK 2, AHEAD 3. */
    public static int rank(PaceStatus status) {
        return switch (status) {
            case OFF_TRACK -> 0;
            case AT_RISK -> 1;
            case ON_TRACK -> 2;
            case AHEAD -> 3;
            case NO_DATA -> throw new IllegalArgumentException("NO_DATA has no rank");
        };
    }

    @Override
    public String kind() {
        return "goal_pace";
    }

    @Override
    public Breach evaluate(RuleInput input, ConditionState state, Clock clock) {
        if (!(input instanceof RuleInput.GoalProgress gp)) {
            return Breach.notApplicable("goal pace rule does not judge " + input.getClass().getSimpleName());
        }
        GoalProgressChanged p = gp.progress();
        PaceStreak run = state instanceof PaceStreak s ? s : PaceStreak.empty();
        if (run.lastAsOf() != null && !p.asOf().isAfter(run.lastAsOf())) {
            return verdict(run, p, "progress as of " + p.asOf() + " is not after " + run.lastAsOf()
                    + " (duplicate or late); run unchanged");
        }
        PaceStatus status = p.paceStatus();
        boolean worse;
        if (status == PaceStatus.NO_DATA) {
            switch (noData) {
                case HOLD:
                    return verdict(new PaceStreak(run.consecutive(), run.since(), p.asOf()), p,
                            "pace NO_DATA; run of " + run.consecutive() + " held");
                case COUNTS_AS_WORSE:
                    worse = true;
                    break;
                default:
                    worse = false;
            }
        } else {
            worse = rank(status) < rank(worseThan);
        }
        PaceStreak next = worse
                ? new PaceStreak(run.consecutive() + 1, run.consecutive() == 0 ? p.asOf() : run.since(), p.asOf())
                : new PaceStreak(0, null, p.asOf());
        return verdict(next, p, "pace " + status + (worse ? " is worse than " : " is not worse than ") + worseThan);
    }

    private Breach verdict(PaceStreak run, GoalProgressChanged p, String why) {
        boolean longEnough = run.consecutive() > 0
                && Duration.between(run.since(), p.asOf()).compareTo(forAtLeast) >= 0;
        boolean breached = run.consecutive() >= evaluations && longEnough;
        String reason = "Goal '" + p.title() + "': " + why + "; " + run.consecutive() + " of " + evaluations
                + " consecutive evaluations" + (run.since() == null ? "" : " since " + run.since())
                + (forAtLeast.isZero() ? "" : ", required for at least " + forAtLeast);
        Breach b = breached
                ? Breach.breached(BigDecimal.valueOf(run.consecutive()), BigDecimal.valueOf(evaluations), null, reason)
                : Breach.clear(BigDecimal.valueOf(run.consecutive()), BigDecimal.valueOf(evaluations), null, reason);
        return b.withNext(run);
    }
}
