package dev.pacer.deploycheck;

import java.util.List;
import java.util.Map;

/** Navigating parsed YAML: maps, lists and scalars, null when absent. */
final class Y {

    private Y() {
    }

    static Object at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step instanceof Integer i) {
                current = i < list.size() ? list.get(i) : null;
            } else {
                return null;
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, Object... path) {
        Object value = at(node, path);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, Object... path) {
        Object value = at(node, path);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** A scalar as text (YAML may have parsed it as a number or boolean), or null. */
    static String str(Object node, Object... path) {
        Object value = at(node, path);
        return value == null || value instanceof Map || value instanceof List ? null : value.toString();
    }
}
