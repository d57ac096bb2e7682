package dev.pacer.metric.value;

import dev.pacer.metric.definition.MetricDefinition;
import dev.pacer.metric.definition.MetricRules;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which metrics a computation may write, and the PostgreSQL advisory locks that keep two computations writing the same
 * metric apart. Two computations that share no metric run side by side (the values of a small dataset never wait for
 * the recomputation of a large one); two that share one — a ratio over two datasets, a running total — run one after
 * the other, so each reads what the other committed. Every computation takes its locks in one order (ascending lock
 * id, duplicates dropped), so two of them can never wait for each other in a cycle.
 */
final class MetricLocks {
    private MetricLocks() {
    }

    /**
     * The given metrics and every metric computed from them, directly or not: everything a computation that starts
     * from {@code keys} may write. {@code order} lists each metric after the metrics it is computed from.
     */
    static <M> Set<String> closure(List<String> order, Map<String, M> all, Function<M, MetricDefinition> definition,
            Collection<String> keys) {
        Set<String> out = new LinkedHashSet<>(keys);
        for (String key : order) {
            M m = all.get(key);
            if (m != null && !out.contains(key)) {
                for (String input : MetricRules.metricsUsed(definition.apply(m))) {
                    if (out.contains(input)) {
                        out.add(key);
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The advisory lock ids of the metrics: distinct, ascending — the order every computation takes them in. */
    static long[] ids(Collection<String> keys) {
        Set<Long> ids = new TreeSet<>();
        for (String key : keys) {
            ids.add(id("pacer-metric-value:" + key));
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** A stable 64-bit advisory lock id for a name (the same in every replica and every release). */
    static long id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }
}
