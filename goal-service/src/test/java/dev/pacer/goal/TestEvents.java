package dev.pacer.goal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CatalogChanged;
import dev.pacer.events.CatalogKind;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventPayload;
import dev.pacer.events.EventSources;
import dev.pacer.events.Grain;
import dev.pacer.events.MetricValueChanged;
import dev.pacer.events.Topics;
import dev.pacer.testing.KafkaTestClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events other services publish, built and sent as they would send them. */
public final class TestEvents {
    /** The consumer group of goal-service's consumers. */
    public static final String GROUP = "goal-service";

    private TestEvents() {
    }

    /** A metric key no other test uses. */
    public static String uniqueMetricKey(String name) {
        return name + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A METRIC catalog entry as metric-service publishes it: a SIMPLE metric over {@code orders}. */
    public static CloudEvent<CatalogChanged> metric(String key, int version, String status, String unit,
            List<String> dimensions) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", "Metric " + key);
        d.put("description", "test metric");
        if (unit != null) {
            d.put("unit", unit);
        }
        d.put("direction", "HIGHER_IS_BETTER");
        d.put("ownerDepartment", "sales");
        d.put("steward", "alice");
        d.put("kind", "SIMPLE");
        d.put("dataset", "orders");
        d.put("aggregation", "SUM");
        d.put("expression", "unit_price * quantity");
        d.put("dimensions", dimensions);
        d.put("key", key);
        d.put("version", version);
        d.put("status", status);
        return CloudEvent.of(EventSources.METRIC_SERVICE, new CatalogChanged(CatalogKind.METRIC, key, version, false, d));
    }

    /** The value of a metric for one calendar month and slice. */
    public static CloudEvent<MetricValueChanged> monthValue(String key, Map<String, String> dims, String month,
            String value, OffsetDateTime computedAt) {
        LocalDate start = LocalDate.parse(month + "-01");
        return CloudEvent.of(EventSources.METRIC_SERVICE, new MetricValueChanged(key, 1, Grain.MONTH, start,
                start.plusMonths(1), dims, value == null ? null : new BigDecimal(value), null, "个", computedAt));
    }

    public static OffsetDateTime at(String instant) {
        return OffsetDateTime.parse(instant).withOffsetSameInstant(ZoneOffset.UTC);
    }

    public static void send(ObjectMapper json, CloudEvent<? extends EventPayload> event) {
        try {
            KafkaTestClient.send(event.data().topic(), event.data().kafkaKey(), json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until goal-service has processed everything sent to the topic so far. */
    public static void awaitConsumed(String topic) {
        KafkaTestClient.awaitConsumed(GROUP, topic, Duration.ofSeconds(60));
    }

    public static void awaitCatalog() {
        awaitConsumed(Topics.CATALOG);
    }

    public static void awaitMetricValues() {
        awaitConsumed(Topics.METRIC_VALUES);
    }
}
