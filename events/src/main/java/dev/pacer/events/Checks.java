package dev.pacer.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Argument checks and defensive copies shared by the event records. */
final class Checks {

    private Checks() {
    }

    static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static <T> T present(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    /** An unmodifiable, order-preserving copy that admits null values; null stays null. */
    static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Like {@link #copy(Map)}, but null becomes an empty map. */
    static <V> Map<String, V> copyOrEmpty(Map<String, V> map) {
        return map == null ? Map.of() : copy(map);
    }

    /** An unmodifiable copy; null becomes an empty list. */
    static <T> List<T> copyOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
