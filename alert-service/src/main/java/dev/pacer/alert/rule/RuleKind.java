package dev.pacer.alert.rule;

import java.util.Set;

/** The kinds of rule the API offers, and what they judge. */
public enum RuleKind {
    GOAL_PACE(true, Set.of("worseThan", "evaluations", "forAtLeast", "noData")),
    FORECAST_MISS(true, Set.of("polarity")),
    METRIC_THRESHOLD(false, Set.of("comparison", "limit", "grain", "dimensions")),
    PERIOD_CHANGE(false, Set.of("basis", "measure", "limit", "side", "grain", "dimensions")),
    ANOMALY(false, Set.of("method", "k", "trailingPeriods", "minHistory", "minSeasons", "side", "minSpread", "grain",
            "dimensions")),
    STALENESS(false, Set.of("freshnessExpectation", "grace"));

    private final boolean judgesGoals;
    private final Set<String> parameters;

    RuleKind(boolean judgesGoals, Set<String> parameters) {
        this.judgesGoals = judgesGoals;
        this.parameters = parameters;
    }

    /** True for kinds evaluated on {@code pacer.goal-progress}; the others watch metrics. */
    public boolean judgesGoals() {
        return judgesGoals;
    }

    /** The names of the parameters this kind takes. */
    public Set<String> parameters() {
        return parameters;
    }
}
