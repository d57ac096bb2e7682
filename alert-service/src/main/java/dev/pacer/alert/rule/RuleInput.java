package dev.pacer.alert.rule;

import dev.pacer.events.GoalProgressChanged;
import dev.pacer.events.MetricValueChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What a condition is evaluated on. */
public sealed interface RuleInput permits RuleInput.GoalProgress, RuleInput.MetricValue, RuleInput.Freshness {

    /** A goal's progress, as published on {@code pacer.goal-progress}. */
    record GoalProgress(GoalProgressChanged progress) implements RuleInput {
        public GoalProgress {
            Objects.requireNonNull(progress, "progress");
        }
    }

    /**
     * A metric value, as published on {@code pacer.metric-values}, with the earlier values of the same metric, grain
     * and dimension slice (the caller's history; values at or after the current period are ignored).
     */
    record MetricValue(MetricValueChanged value, MetricHistory history) implements RuleInput {
        public MetricValue {
            Objects.requireNonNull(value, "value");
            history = history == null ? MetricHistory.EMPTY : history;
        }

        public MetricValue(MetricValueChanged value) {
            this(value, MetricHistory.EMPTY);
        }
    }

    /**
     * The freshness of a metric, checked on a schedule.
     *
     * @param lastDataAt           when new data last arrived; null if it never did
     * @param freshnessExpectation the metric's freshness expectation: data older than this is stale
     */
    record Freshness(String metricKey, Instant lastDataAt, Duration freshnessExpectation) implements RuleInput {
        public Freshness {
            Objects.requireNonNull(metricKey, "metricKey");
            Objects.requireNonNull(freshnessExpectation, "freshnessExpectation");
            if (freshnessExpectation.isNegative() || freshnessExpectation.isZero()) {
                throw new IllegalArgumentException("freshnessExpectation must be positive");
            }
        }
    }
}
