package dev.pacer.alert.rule;

import dev.pacer.events.PaceStatus;
import dev.pacer.platform.problem.Problem.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a kind and its parameters into a {@link RuleCondition}, and finds everything wrong with a rule definition,
 * each problem naming its field (e.g. {@code parameters.worseThan}). Plain Java: no framework.
 */
public final class RuleConditions {
    /** Labels the alert sets itself; a rule cannot set them. */
    public static final List<String> RESERVED_LABELS = List.of("alertname", "rule", "severity", "subject_kind",
            "subject", "department");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,63}");
    /** The longest pending or keep-firing duration. */
    public static final Duration MAX_TIMING = Duration.ofDays(366);
    static final int DEFAULT_ANOMALY_TRAILING = 12;
    static final int DEFAULT_ANOMALY_MIN_HISTORY = 6;
    static final double DEFAULT_ANOMALY_K = 3;

    private RuleConditions() {
    }

    /** The result of checking a definition: the condition when valid, else the field errors. */
    public record Checked(RuleCondition condition, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Every rule the parts of a definition break, and the condition they make when none is broken. */
    public static Checked check(RuleKind kind, RuleParameters p, RuleScope scope, List<String> departments,
            Map<String, String> labels, Duration pendingFor, Duration keepFiringFor) {
        List<FieldError> errors = new ArrayList<>();
        timing(pendingFor, "pendingFor", errors);
        timing(keepFiringFor, "keepFiringFor", errors);
        if (labels != null) {
            for (Map.Entry<String, String> l : new TreeMap<>(labels).entrySet()) {
                if (!LABEL_NAME.matcher(l.getKey()).matches()) {
                    errors.add(new FieldError("labels." + l.getKey(),
                            "a label name is a letter or _ followed by up to 63 letters, digits or _"));
                } else if (RESERVED_LABELS.contains(l.getKey())) {
                    errors.add(new FieldError("labels." + l.getKey(), "is set by the alert itself; reserved are "
                            + RESERVED_LABELS));
                }
                if (l.getValue() == null || l.getValue().length() > 200) {
                    errors.add(new FieldError("labels." + l.getKey(), "must be a text of at most 200 characters"));
                }
            }
        }
        if (kind != null && scope != null && scope.type() != null) {
            if (!kind.judgesGoals() && scope.type() != ScopeType.METRIC) {
                errors.add(new FieldError("scope.type", kind.name().toLowerCase() + " watches a metric; its scope "
                        + "must be METRIC"));
            }
            if (scope.type() == ScopeType.DEPARTMENT && departments != null && scope.key() != null
                    && !departments.contains(scope.key().strip())) {
                errors.add(new FieldError("scope.key", "a department scope must be one of the rule's departments "
                        + departments));
            }
        }
        RuleCondition condition = null;
        if (kind != null) {
            RuleParameters params = p == null ? empty() : p;
            for (String name : present(params).keySet()) {
                if (!kind.parameters().contains(name)) {
                    errors.add(new FieldError("parameters." + name, "is not a parameter of "
                            + kind.name().toLowerCase() + "; it takes " + new java.util.TreeSet<>(kind.parameters())));
                }
            }
            condition = build(kind, params, errors);
        }
        return new Checked(errors.isEmpty() ? condition : null, List.copyOf(errors));
    }

    /** The condition of a stored, valid definition. */
    public static RuleCondition condition(RuleKind kind, RuleParameters p) {
        List<FieldError> errors = new ArrayList<>();
        RuleCondition c = build(kind, p, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Stored " + kind + " rule is invalid: " + errors);
        }
        return c;
    }

    private static RuleCondition build(RuleKind kind, RuleParameters p, List<FieldError> errors) {
        int before = errors.size();
        RuleCondition c = switch (kind) {
            case GOAL_PACE -> {
                require(p.worseThan(), "worseThan", errors);
                if (p.worseThan() == PaceStatus.NO_DATA || p.worseThan() == PaceStatus.OFF_TRACK) {
                    errors.add(param("worseThan", "must be AT_RISK, ON_TRACK or AHEAD: no pace is worse than "
                            + p.worseThan()));
                }
                int evaluations = p.evaluations() == null ? 1 : p.evaluations();
                if (evaluations < 1 || evaluations > 1000) {
                    errors.add(param("evaluations", "must be between 1 and 1000"));
                }
                nonNegative(p.forAtLeast(), "forAtLeast", errors);
                yield errors.size() > before ? null : new GoalPace(p.worseThan(), evaluations, p.forAtLeast(),
                        p.noData() == null ? GoalPace.NoData.HOLD : p.noData());
            }
            case FORECAST_MISS -> new ForecastMiss(p.polarity() == null ? Polarity.HIGHER_IS_BETTER : p.polarity());
            case METRIC_THRESHOLD -> {
                require(p.comparison(), "comparison", errors);
                require(p.limit(), "limit", errors);
                require(p.grain(), "grain", errors);
                yield errors.size() > before ? null
                        : new MetricThreshold(p.comparison(), p.limit(), p.grain(), p.dimensions());
            }
            case PERIOD_CHANGE -> {
                require(p.basis(), "basis", errors);
                require(p.measure(), "measure", errors);
                require(p.limit(), "limit", errors);
                require(p.grain(), "grain", errors);
                if (p.limit() != null && p.limit().signum() < 0) {
                    errors.add(param("limit", "must not be negative; use side to pick a direction"));
                }
                yield errors.size() > before ? null : new PeriodChange(p.basis(), p.measure(), p.limit(),
                        p.side() == null ? Side.EITHER : p.side(), p.grain(), p.dimensions());
            }
            case ANOMALY -> anomaly(p, errors, before);
            case STALENESS -> {
                require(p.freshnessExpectation(), "freshnessExpectation", errors);
                if (p.freshnessExpectation() != null && (p.freshnessExpectation().isNegative()
                        || p.freshnessExpectation().isZero())) {
                    errors.add(param("freshnessExpectation", "must be positive, e.g. PT26H"));
                }
                nonNegative(p.grace(), "grace", errors);
                yield errors.size() > before ? null : new Staleness(p.grace());
            }
        };
        return c;
    }

    private static RuleCondition anomaly(RuleParameters p, List<FieldError> errors, int before) {
        require(p.grain(), "grain", errors);
        double k = p.k() == null ? DEFAULT_ANOMALY_K : p.k();
        int trailing = p.trailingPeriods() == null ? DEFAULT_ANOMALY_TRAILING : p.trailingPeriods();
        int minHistory = p.minHistory() == null ? Math.min(DEFAULT_ANOMALY_MIN_HISTORY, trailing) : p.minHistory();
        int minSeasons = p.minSeasons() == null ? 0 : p.minSeasons();
        double minSpread = p.minSpread() == null ? 0 : p.minSpread();
        if (!(k > 0) || Double.isInfinite(k) || k > 100) {
            errors.add(param("k", "must be above 0 and at most 100"));
        }
        if (trailing < 2 || trailing > 520) {
            errors.add(param("trailingPeriods", "must be between 2 and 520"));
        }
        if (minHistory < 2 || minHistory > trailing) {
            errors.add(param("minHistory", "must be at least 2 and at most trailingPeriods (" + trailing + ")"));
        }
        if (minSeasons != 0 && (minSeasons < 2 || minSeasons > Anomaly.MAX_SEASONS)) {
            errors.add(param("minSeasons", "must be 0 (not seasonal) or 2.." + Anomaly.MAX_SEASONS));
        }
        if (minSpread < 0 || Double.isNaN(minSpread) || Double.isInfinite(minSpread)) {
            errors.add(param("minSpread", "must not be negative"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new Anomaly(p.method() == null ? Anomaly.Method.MEDIAN_MAD : p.method(), k, trailing, minHistory,
                minSeasons, p.side() == null ? Side.EITHER : p.side(), minSpread, p.grain(), p.dimensions());
    }

    /** The parameters that are set, by name. */
    static Map<String, Object> present(RuleParameters p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var c : RuleParameters.class.getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(p);
                if (v != null) {
                    m.put(c.getName(), v);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    private static RuleParameters empty() {
        return new RuleParameters(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    private static void timing(Duration d, String name, List<FieldError> errors) {
        if (d == null) {
            return;
        }
        if (d.isNegative()) {
            errors.add(new FieldError(name, "must not be negative"));
        } else if (d.getNano() != 0) {
            errors.add(new FieldError(name, "must be whole seconds"));
        } else if (d.compareTo(MAX_TIMING) > 0) {
            errors.add(new FieldError(name, "must be at most " + MAX_TIMING));
        }
    }

    private static void require(Object value, String name, List<FieldError> errors) {
        if (value == null) {
            errors.add(param(name, "is required"));
        }
    }

    private static void nonNegative(Duration d, String name, List<FieldError> errors) {
        if (d != null && d.isNegative()) {
            errors.add(param(name, "must not be negative"));
        }
    }

    private static FieldError param(String name, String message) {
        return new FieldError("parameters." + name, message);
    }
}
