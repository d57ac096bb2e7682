package dev.pacer.alert.lifecycle;

import java.util.List;
import java.util.Map;

/**
 * What an alert is about: a goal or a metric slice. {@code kind}, {@code id} and {@code dimensions} identify it (they
 * enter the fingerprint); {@code departments} (owner first) decide visibility and routing but not identity.
 */
public record AlertSubject(String kind, String id, Map<String, String> dimensions, List<String> departments) {
    public static final String GOAL = "goal";
    public static final String METRIC = "metric";

    public AlertSubject {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind must not be blank");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
        departments = departments == null ? List.of() : List.copyOf(departments);
    }

    public static AlertSubject goal(String goalId, List<String> departments) {
        return new AlertSubject(GOAL, goalId, Map.of(), departments);
    }

    public static AlertSubject metric(String metricKey, Map<String, String> dimensions, List<String> departments) {
        return new AlertSubject(METRIC, metricKey, dimensions, departments);
    }
}
