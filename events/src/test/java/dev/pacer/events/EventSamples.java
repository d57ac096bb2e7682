package dev.pacer.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample payloads of every event type and an ObjectMapper configured like Quarkus's. */
final class EventSamples {

    static final OffsetDateTime NOW = OffsetDateTime.of(2025, 5, 14, 8, 30, 15, 123_456_000, ZoneOffset.UTC);

    private EventSamples() {
    }

    static ObjectMapper quarkusLikeMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    static RecordChanged recordUpsert() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("order_id", "SO-1001");
        fields.put("line_no", 10);
        fields.put("unit_price", new BigDecimal("129.90"));
        fields.put("quantity", 3);
        fields.put("discount", new BigDecimal("0.10"));
        fields.put("paid", true);
        fields.put("customer_note", null);
        fields.put("ordered_at", "2025-05-14T08:00:00Z");
        return new RecordChanged("orders", "SO-1001-10", RecordOperation.UPSERT, "erp", 42L,
                NOW.minusMinutes(30), fields, NOW);
    }

    static RecordChanged recordDelete() {
        return new RecordChanged("orders", "SO-1001-10", RecordOperation.DELETE, "erp", 43L, null, null, NOW);
    }

    static CatalogChanged metricDefinition() {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("key", "revenue");
        definition.put("name", "Revenue");
        definition.put("kind", "simple");
        definition.put("dataset", "orders");
        definition.put("expression", "unit_price * quantity * (1 - discount)");
        definition.put("aggregation", "sum");
        definition.put("dimensions", List.of("department", "region"));
        definition.put("freshness", Map.of("maxAgeHours", 24));
        return new CatalogChanged(CatalogKind.METRIC, "revenue", 3, false, definition);
    }

    static CatalogChanged deletedDataset() {
        return new CatalogChanged(CatalogKind.DATASET, "leads", 2, true, null);
    }

    static MetricValueChanged metricValue() {
        return new MetricValueChanged("revenue", 3, Grain.MONTH, LocalDate.of(2025, 5, 1), LocalDate.of(2025, 6, 1),
                Map.of("department", "marketing"), new BigDecimal("1250300.50"), new BigDecimal("1180000.00"),
                "CNY", NOW);
    }

    static MetricValueChanged emptyTotal() {
        return new MetricValueChanged("new_customers", 1, Grain.WEEK, LocalDate.of(2025, 5, 12),
                LocalDate.of(2025, 5, 19), null, null, null, null, NOW);
    }

    static GoalProgressChanged goalProgress() {
        return new GoalProgressChanged("goal-17", "goal-1", "Marketing revenue FY2025", "marketing",
                List.of("marketing", "sales"), "revenue", "FY2025 Q2-Q4",
                new BigDecimal("3400000.00"), new BigDecimal("4000000.00"), new BigDecimal("12000000"),
                new BigDecimal("15000000"), new BigDecimal("0.2833"), new BigDecimal("0.2267"),
                PaceStatus.AT_RISK, PaceStatus.ON_TRACK, new BigDecimal("10200000.00"), NOW);
    }

    static GoalProgressChanged goalWithoutData() {
        return new GoalProgressChanged("goal-18", null, "NPS above 40", "support", List.of("support"), null,
                "FY2025", null, null, null, null, null, null, PaceStatus.NO_DATA, null, null, NOW);
    }

    /** The closing event of a goal: its final figures, marked CLOSED. */
    static GoalProgressChanged goalClosed() {
        return new GoalProgressChanged("goal-19", "goal-1", "Partner revenue FY2025", "sales", List.of("sales"),
                "revenue", "FY2025", new BigDecimal("2100000.00"), new BigDecimal("2400000.00"), new BigDecimal("2400000"),
                null, new BigDecimal("0.875"), null, PaceStatus.AT_RISK, PaceStatus.AT_RISK, null, NOW,
                GoalProgressChanged.CLOSED);
    }

    static AlertStateChanged alertFiring() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("actual", new BigDecimal("3400000.00"));
        evidence.put("expected", new BigDecimal("4000000.00"));
        evidence.put("paceStatus", "AT_RISK");
        evidence.put("evaluations", 3);
        evidence.put("rule", Map.of("kind", "pace", "worseThan", "ON_TRACK", "forEvaluations", 3));
        return new AlertStateChanged("3f7c1c52-7a59-4b38-9f2a-5f0f4f1d2e11", "a1b2c3d4", "rule-7",
                "Goal falls behind", Severity.WARNING, AlertState.FIRING, AlertState.PENDING, false,
                "goal", "goal-17", List.of("marketing", "sales"), Map.of("team", "growth"),
                "pace AT_RISK for 3 evaluations", evidence, NOW);
    }

    /** Every sample, each wrapped in a CloudEvent from its producing service. */
    static List<CloudEvent<? extends EventPayload>> allEvents() {
        return List.of(
                CloudEvent.of(EventSources.INGEST_SERVICE, recordUpsert()),
                CloudEvent.of(EventSources.INGEST_SERVICE, recordDelete()),
                CloudEvent.of(EventSources.METRIC_SERVICE, metricDefinition()),
                CloudEvent.of(EventSources.METRIC_SERVICE, deletedDataset()),
                CloudEvent.of(EventSources.METRIC_SERVICE, metricValue()),
                CloudEvent.of(EventSources.METRIC_SERVICE, emptyTotal()),
                CloudEvent.of(EventSources.GOAL_SERVICE, goalProgress()),
                CloudEvent.of(EventSources.GOAL_SERVICE, goalWithoutData()),
                CloudEvent.of(EventSources.GOAL_SERVICE, goalClosed()),
                CloudEvent.of(EventSources.ALERT_SERVICE, alertFiring()));
    }

    /** The JSON Schema resource of a payload class, e.g. {@code schemas/record-changed.json}. */
    static String schemaOf(Class<?> payload) {
        String kebab = payload.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
        return "schemas/" + kebab + ".json";
    }

    static final List<Class<? extends EventPayload>> PAYLOADS = List.of(
            RecordChanged.class, CatalogChanged.class, MetricValueChanged.class,
            GoalProgressChanged.class, AlertStateChanged.class);
}
