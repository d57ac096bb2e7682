package dev.pacer.goal.catalog;

import java.util.List;
import java.util.Map;

/**
 * A metric definition of the indicator centre as goal-service knows it from {@code pacer.catalog}: what the SMART
 * check needs to judge whether a goal is measurable.
 *
 * @param status  DRAFT, CERTIFIED or DEPRECATED (metric-service's lifecycle)
 * @param kind    SIMPLE, FIRST_SEEN, ENTITY_COUNT, RATIO, DERIVED, CUMULATIVE or REPORTED
 * @param source  where its values come from (a dataset, the metrics it is computed from, or pushed values); null
 *                when the definition names none
 */
public record CatalogMetric(String key, int version, String name, String status, String kind, String unit,
        String source, List<String> dimensions) {

    public static final String CERTIFIED = "CERTIFIED";

    public boolean certified() {
        return CERTIFIED.equals(status);
    }

    /**
     * Reads the {@code definition} of a METRIC catalog entry as metric-service publishes it (the metric definition
     * plus {@code key}, {@code version} and {@code status}); members not needed here are ignored.
     *
     * @throws IllegalArgumentException when the definition cannot be a metric definition
     */
    public static CatalogMetric fromDefinition(String key, int version, Map<String, ?> d) {
        if (d == null) {
            throw new IllegalArgumentException("Metric '" + key + "' version " + version + " has no definition");
        }
        String kind = text(d.get("kind"));
        if (kind == null) {
            throw new IllegalArgumentException("Metric '" + key + "' version " + version + ": definition.kind is missing");
        }
        List<String> dimensions = d.get("dimensions") instanceof List<?> list
                ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
        return new CatalogMetric(key, version, text(d.get("name")), text(d.get("status")), kind, text(d.get("unit")),
                source(kind, d), dimensions);
    }

    private static String source(String kind, Map<String, ?> d) {
        return switch (kind) {
            case "SIMPLE", "FIRST_SEEN", "ENTITY_COUNT" -> prefixed("dataset ", text(d.get("dataset")));
            case "RATIO" -> text(d.get("numerator")) == null || text(d.get("denominator")) == null ? null
                    : "metrics " + text(d.get("numerator")) + " / " + text(d.get("denominator"));
            case "DERIVED" -> prefixed("formula ", text(d.get("formula")));
            case "CUMULATIVE" -> prefixed("running total of ", text(d.get("base")));
            case "REPORTED" -> "reported values";
            default -> null;
        };
    }

    private static String prefixed(String prefix, String value) {
        return value == null ? null : prefix + value;
    }

    private static String text(Object o) {
        return o instanceof String s && !s.isBlank() ? s : null;
    }
}
