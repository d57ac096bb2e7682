package dev.pacer.metric.value;

import dev.pacer.events.Grain;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** One computed cell: a metric's grain, period and dimension slice (no dimensions = the total). */
record Slice(Grain grain, LocalDate periodStart, Map<String, String> dims) {
    Slice {
        dims = dims == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(dims));
    }

    /** Stable text key of the dimensions, '' for the total: {@code ship_country=France}. */
    String dimsKey() {
        return dimsKeyOf(dims);
    }

    static String dimsKeyOf(Map<String, String> dims) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(dims).forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(k).append('=').append(v == null ? "" : v);
        });
        return sb.toString();
    }
}
