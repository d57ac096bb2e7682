package dev.pacer.metric.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pacer.metric.definition.MetricDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Plain unit test: which metrics a computation may write, and the order its locks are taken in. */
class MetricLocksTest {
    private static MetricDefinition of(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(json, MetricDefinition.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** revenue, orders (orders dataset); refunds (refunds dataset); aov = revenue/orders; net = revenue - refunds; ytd. */
    private static final Map<String, MetricDefinition> ALL = new LinkedHashMap<>();

    static {
        ALL.put("revenue", of("{\"kind\":\"SIMPLE\",\"dataset\":\"orders\",\"aggregation\":\"SUM\",\"expression\":\"x\"}"));
        ALL.put("orders", of("{\"kind\":\"SIMPLE\",\"dataset\":\"orders\",\"aggregation\":\"COUNT\"}"));
        ALL.put("refunds", of("{\"kind\":\"SIMPLE\",\"dataset\":\"refunds\",\"aggregation\":\"SUM\",\"expression\":\"x\"}"));
        ALL.put("aov", of("{\"kind\":\"RATIO\",\"numerator\":\"revenue\",\"denominator\":\"orders\"}"));
        ALL.put("net", of("{\"kind\":\"DERIVED\",\"formula\":\"revenue - refunds\"}"));
        ALL.put("net_ytd", of("{\"kind\":\"CUMULATIVE\",\"base\":\"net\",\"window\":\"YTD\"}"));
    }

    private static final List<String> ORDER = List.of("orders", "refunds", "revenue", "aov", "net", "net_ytd");

    @Test
    void aComputationMayWriteItsMetricsAndEverythingComputedFromThemTransitively() {
        assertEquals(Set.of("revenue", "orders", "aov", "net", "net_ytd"),
                MetricLocks.closure(ORDER, ALL, d -> d, Set.of("revenue", "orders")));
        assertEquals(Set.of("refunds", "net", "net_ytd"), MetricLocks.closure(ORDER, ALL, d -> d, Set.of("refunds")));
        assertEquals(Set.of("aov"), MetricLocks.closure(ORDER, ALL, d -> d, Set.of("aov")));
    }

    @Test
    void twoDatasetsThatFeedOneMetricShareItsLockAndOthersShareNone() {
        Set<String> orders = MetricLocks.closure(ORDER, ALL, d -> d, Set.of("revenue", "orders"));
        Set<String> refunds = MetricLocks.closure(ORDER, ALL, d -> d, Set.of("refunds"));
        long shared = LongStream.of(MetricLocks.ids(orders))
                .filter(id -> LongStream.of(MetricLocks.ids(refunds)).anyMatch(x -> x == id)).count();
        assertEquals(2, shared, "net and net_ytd");
        assertEquals(0, LongStream.of(MetricLocks.ids(Set.of("aov")))
                .filter(id -> LongStream.of(MetricLocks.ids(refunds)).anyMatch(x -> x == id)).count());
    }

    @Test
    void lockIdsAreDistinctAscendingAndStable() {
        long[] ids = MetricLocks.ids(List.of("b", "a", "c", "a"));
        assertEquals(3, ids.length);
        long[] sorted = ids.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(sorted, ids);
        assertArrayEquals(ids, MetricLocks.ids(List.of("c", "b", "a")));
        assertEquals(MetricLocks.id("pacer-metric-value:a"), MetricLocks.id("pacer-metric-value:a"));
        assertTrue(MetricLocks.id("pacer-metric-value:a") != MetricLocks.id("pacer-value-refresh:a"));
    }
}
