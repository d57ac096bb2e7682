package dev.pacer.metric.definition;

import dev.pacer.metric.expression.FieldAccess;
import dev.pacer.metric.expression.Formula;
import dev.pacer.metric.expression.SqlCompiler;
import dev.pacer.metric.expression.ValueType;
import dev.pacer.platform.expression.Expr;
import dev.pacer.platform.expression.ExpressionException;
import dev.pacer.platform.expression.Parser;
import dev.pacer.platform.problem.Problem.FieldError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a metric definition must follow: the fields its kind needs, expressions that compile against its
 * dataset, dimensions that exist, references to metrics that exist, and no cycles. Plain Java, no framework.
 */
public final class MetricRules {
    private MetricRules() {
    }

    /** Every rule {@code d} breaks as metric {@code key}, each naming its field; empty when it is valid. */
    public static List<FieldError> violations(String key, MetricDefinition d, MetricCatalog catalog) {
        List<FieldError> errors = new ArrayList<>();
        switch (d.kind()) {
            case SIMPLE, FIRST_SEEN, ENTITY_COUNT -> checkDatasetKind(d, catalog, errors);
            case RATIO -> {
                requireMetric("numerator", d.numerator(), key, catalog, errors);
                requireMetric("denominator", d.denominator(), key, catalog, errors);
            }
            case DERIVED -> checkFormula(key, d, catalog, errors);
            case CUMULATIVE -> {
                requireMetric("base", d.base(), key, catalog, errors);
                if (d.window() == null) {
                    errors.add(new FieldError("window", "is required for CUMULATIVE metrics (YTD, QTD or MTD)"));
                }
                catalog.metric(d.base() == null ? "" : d.base()).ifPresent(base -> {
                    if (!isAdditive(base)) {
                        errors.add(new FieldError("base", "must be an additive metric (a SIMPLE SUM or COUNT, or "
                                + "another CUMULATIVE); '" + d.base() + "' is not"));
                    }
                });
            }
            case REPORTED -> {
                if (!d.dimensionsOrEmpty().isEmpty()) {
                    errors.add(new FieldError("dimensions", "reported metrics have no dimensions"));
                }
            }
        }
        if (d.kind() != MetricKind.SIMPLE && d.kind() != MetricKind.REPORTED && d.kind() != MetricKind.FIRST_SEEN
                && d.kind() != MetricKind.ENTITY_COUNT) {
            checkDerivedDimensions(d, catalog, errors);
        }
        if (errors.isEmpty()) {
            checkCycles(key, d, catalog, errors);
        }
        return errors;
    }

    /** The dataset fields a definition reads (expressions, filter, entity, dimensions). */
    public static Set<String> fieldsUsed(MetricDefinition d) {
        Set<String> fields = new LinkedHashSet<>(d.dimensionsOrEmpty());
        for (String text : new String[] {d.expression(), d.filter(), d.entity(),
            d.entityCondition() == null ? null : d.entityCondition().expression()}) {
            if (text != null && !text.isBlank()) {
                try {
                    collectFields(Parser.parse(text), fields);
                } catch (ExpressionException e) {
                    // an invalid expression uses nothing; it is reported by violations()
                }
            }
        }
        return fields;
    }

    /** The metrics a definition is computed from. */
    public static Set<String> metricsUsed(MetricDefinition d) {
        Set<String> metrics = new LinkedHashSet<>();
        switch (d.kind()) {
            case RATIO -> {
                addIfPresent(metrics, d.numerator());
                addIfPresent(metrics, d.denominator());
            }
            case CUMULATIVE -> addIfPresent(metrics, d.base());
            case DERIVED -> {
                if (d.formula() != null && !d.formula().isBlank()) {
                    try {
                        collectFields(Parser.parse(d.formula()), metrics);
                    } catch (ExpressionException e) {
                        // reported by violations()
                    }
                }
            }
            default -> {
            }
        }
        return metrics;
    }

    static boolean isAdditive(MetricDefinition d) {
        return (d.kind() == MetricKind.SIMPLE && d.aggregation() != null && d.aggregation().isAdditive())
                || d.kind() == MetricKind.CUMULATIVE;
    }

    private static void checkDatasetKind(MetricDefinition d, MetricCatalog catalog, List<FieldError> errors) {
        if (d.dataset() == null || d.dataset().isBlank()) {
            errors.add(new FieldError("dataset", "is required for " + d.kind() + " metrics"));
            return;
        }
        Optional<Map<String, ValueType>> fields = catalog.datasetFields(d.dataset());
        if (fields.isEmpty()) {
            errors.add(new FieldError("dataset", "names no dataset: '" + d.dataset() + "'"));
            return;
        }
        Map<String, ValueType> types = fields.get();
        SqlCompiler compiler = new SqlCompiler(FieldAccess.jsonb("f.fields", n -> Optional.ofNullable(types.get(n))));
        if (d.kind() == MetricKind.SIMPLE) {
            if (d.aggregation() == null) {
                errors.add(new FieldError("aggregation", "is required for SIMPLE metrics"));
            } else if (d.aggregation() == Aggregation.COUNT_DISTINCT) {
                compile("expression", d.expression(), true, () -> compiler.compile(d.expression()), errors);
            } else if (d.aggregation() != Aggregation.COUNT) {
                compile("expression", d.expression(), true, () -> compiler.compileNumber(d.expression()), errors);
            } else {
                compile("expression", d.expression(), false, () -> compiler.compile(d.expression()), errors);
            }
        } else {
            compile("entity", d.entity(), true, () -> compiler.compile(d.entity()), errors);
        }
        if (d.kind() == MetricKind.ENTITY_COUNT) {
            EntityCondition c = d.entityCondition();
            if (c == null) {
                errors.add(new FieldError("entityCondition", "is required for ENTITY_COUNT metrics"));
            } else if (c.aggregation() == Aggregation.COUNT_DISTINCT) {
                compile("entityCondition.expression", c.expression(), true, () -> compiler.compile(c.expression()),
                        errors);
            } else if (c.aggregation() != Aggregation.COUNT) {
                compile("entityCondition.expression", c.expression(), true,
                        () -> compiler.compileNumber(c.expression()), errors);
            }
        }
        compile("filter", d.filter(), false, () -> compiler.compileCondition(d.filter()), errors);
        List<String> dims = d.dimensionsOrEmpty();
        for (int i = 0; i < dims.size(); i++) {
            if (!types.containsKey(dims.get(i))) {
                errors.add(new FieldError("dimensions[" + i + "]", "names no field of dataset '" + d.dataset() + "': '"
                        + dims.get(i) + "'"));
            }
        }
        if (d.kind() == MetricKind.FIRST_SEEN && !dims.isEmpty()) {
            errors.add(new FieldError("dimensions", "FIRST_SEEN metrics count entities once, without dimensions"));
        }
    }

    private static void compile(String field, String text, boolean required, Runnable compile, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return;
        }
        try {
            compile.run();
        } catch (ExpressionException e) {
            errors.add(new FieldError(field, e.getMessage()));
        }
    }

    private static void requireMetric(String field, String ref, String self, MetricCatalog catalog,
            List<FieldError> errors) {
        if (ref == null || ref.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (ref.equals(self)) {
            errors.add(new FieldError(field, "a metric cannot be computed from itself"));
        } else if (catalog.metric(ref).isEmpty()) {
            errors.add(new FieldError(field, "names no metric: '" + ref + "'"));
        }
    }

    private static void checkFormula(String key, MetricDefinition d, MetricCatalog catalog, List<FieldError> errors) {
        if (d.formula() == null || d.formula().isBlank()) {
            errors.add(new FieldError("formula", "is required for DERIVED metrics"));
            return;
        }
        try {
            Formula formula = Formula.parse(d.formula());
            for (String ref : formula.metrics()) {
                if (ref.equals(key)) {
                    errors.add(new FieldError("formula", "a metric cannot be computed from itself"));
                } else if (catalog.metric(ref).isEmpty()) {
                    errors.add(new FieldError("formula", "names no metric: '" + ref + "'"));
                }
            }
        } catch (ExpressionException e) {
            errors.add(new FieldError("formula", e.getMessage()));
        }
    }

    private static void checkDerivedDimensions(MetricDefinition d, MetricCatalog catalog, List<FieldError> errors) {
        List<String> dims = d.dimensionsOrEmpty();
        for (String input : metricsUsed(d)) {
            catalog.metric(input).ifPresent(m -> {
                for (int i = 0; i < dims.size(); i++) {
                    if (!m.dimensionsOrEmpty().contains(dims.get(i))) {
                        errors.add(new FieldError("dimensions[" + i + "]", "'" + dims.get(i)
                                + "' is not a dimension of input metric '" + input + "'"));
                    }
                }
            });
        }
    }

    private static void checkCycles(String key, MetricDefinition d, MetricCatalog catalog, List<FieldError> errors) {
        Deque<List<String>> paths = new ArrayDeque<>();
        for (String m : metricsUsed(d)) {
            paths.add(List.of(key, m));
        }
        Set<String> seen = new HashSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            String last = path.get(path.size() - 1);
            if (last.equals(key)) {
                errors.add(new FieldError(fieldOf(d), "would make a cycle: " + String.join(" → ", path)));
                return;
            }
            if (!seen.add(last)) {
                continue;
            }
            catalog.metric(last).ifPresent(m -> metricsUsed(m).forEach(next -> {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                paths.add(longer);
            }));
        }
    }

    private static String fieldOf(MetricDefinition d) {
        return switch (d.kind()) {
            case RATIO -> "numerator";
            case CUMULATIVE -> "base";
            default -> "formula";
        };
    }

    private static void collectFields(Expr e, Set<String> into) {
        if (e instanceof Expr.Field f) {
            into.add(f.name());
        } else if (e instanceof Expr.Unary u) {
            collectFields(u.operand(), into);
        } else if (e instanceof Expr.Binary b) {
            collectFields(b.left(), into);
            collectFields(b.right(), into);
        } else if (e instanceof Expr.In in) {
            collectFields(in.value(), into);
            in.options().forEach(o -> collectFields(o, into));
        } else if (e instanceof Expr.IsNull n) {
            collectFields(n.value(), into);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> collectFields(a, into));
        }
    }

    private static void addIfPresent(Set<String> into, String value) {
        if (value != null && !value.isBlank()) {
            into.add(value);
        }
    }
}
