package dev.pacer.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.e2e.system.Api;
import dev.pacer.e2e.system.Eventually;
import dev.pacer.e2e.system.PacerSystem;
import dev.pacer.e2e.system.Service;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records pushed to ingest-service over REST, as an ERP would, become metric values in metric-service: through the
 * dataset schema replicated over {@code pacer.catalog}, the records on {@code pacer.records}, and the values
 * computed from them. Every process is the built application; the expected values are summed here.
 */
class PushToMetricValueTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static PacerSystem system;
    private static Api api;

    @BeforeAll
    static void start() {
        system = PacerSystem.shared();
        api = new Api(system);
    }

    @Test
    void orderLinesPushedByRestBecomeMonthlyRevenueEqualToTheirSumAndAReplayChangesNothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String dataset = "orders_" + suffix;
        String metric = "revenue_" + suffix;
        defineOrdersAndRevenue(dataset, metric);

        List<Map<String, Object>> lines = new ArrayList<>();
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (int i = 0; i < 600; i++) {
            LocalDate day = LocalDate.of(2026, 1, 1).plusDays(i % 181);
            BigDecimal unitPrice = new BigDecimal(10 + i % 17).add(new BigDecimal("0.25").multiply(BigDecimal.valueOf(i % 4)));
            int quantity = 1 + i % 9;
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("order_id", String.valueOf(20_000 + i / 3));
            line.put("product_id", String.valueOf(i % 3 + 1));
            line.put("order_date", day.toString());
            line.put("quantity", quantity);
            line.put("unit_price", unitPrice);
            lines.add(line);
            expected.merge(day.toString().substring(0, 7), unitPrice.multiply(BigDecimal.valueOf(quantity)), BigDecimal::add);
        }

        push(dataset, lines);
        Eventually.assertThat(WAIT, () -> assertThat(monthlyValues(metric)).isEqualTo(scaled(expected)));

        push(dataset, lines); // the same records again: nothing is counted twice
        awaitRecordsConsumed();
        assertThat(monthlyValues(metric)).isEqualTo(scaled(expected));
    }

    static void defineOrdersAndRevenue(String dataset, String metric) {
        api.steward(Service.METRIC, "sales").body(Map.of("key", dataset, "definition", Map.of(
                        "name", "Order lines " + dataset,
                        "fields", List.of(
                                Map.of("name", "order_id", "type", "STRING", "required", true),
                                Map.of("name", "product_id", "type", "STRING", "required", true),
                                Map.of("name", "order_date", "type", "DATE", "required", true),
                                Map.of("name", "quantity", "type", "INTEGER", "required", true),
                                Map.of("name", "unit_price", "type", "DECIMAL", "required", true)),
                        "primaryKey", List.of("order_id", "product_id"),
                        "eventTimeField", "order_date",
                        "ownerDepartment", "sales",
                        "sourceSystem", "northwind-erp")))
                .post("/datasets").then().statusCode(201);
        api.steward(Service.METRIC, "sales").body(Map.of("key", metric, "definition", Map.of(
                        "name", "Revenue " + metric,
                        "description", "Order-line revenue: unit price x quantity, by order date",
                        "unit", "USD", "direction", "HIGHER_IS_BETTER", "ownerDepartment", "sales", "steward", "alice",
                        "kind", "SIMPLE", "dataset", dataset, "aggregation", "SUM",
                        "expression", "unit_price * quantity")))
                .post("/metrics").then().statusCode(201);
    }

    /** Pushes in batches; until ingest-service has the dataset's schema from pacer.catalog it answers 404. */
    static void push(String dataset, List<Map<String, Object>> lines) {
        for (int from = 0; from < lines.size(); from += 250) {
            List<Map<String, Object>> batch = lines.subList(from, Math.min(lines.size(), from + 250));
            JsonPath answer = Eventually.get(WAIT, () -> api.integration(Service.INGEST).body(batch)
                    .post("/ingest/{dataset}", dataset).then().statusCode(200).extract().jsonPath());
            assertThat(answer.getInt("accepted")).as(answer.prettify()).isEqualTo(batch.size());
            assertThat(answer.getInt("rejected")).isZero();
        }
    }

    static Map<String, BigDecimal> monthlyValues(String metric) {
        JsonPath values = api.steward(Service.METRIC, "sales")
                .queryParam("grain", "MONTH").queryParam("from", "2026-01-01").queryParam("to", "2027-01-01")
                .get("/metrics/{key}/values", metric).then().statusCode(200).extract().jsonPath();
        Map<String, BigDecimal> byPeriod = new TreeMap<>();
        List<Map<String, Object>> points = values.getList("values");
        for (Map<String, Object> point : points) {
            if (point.get("value") != null && ((Map<?, ?>) point.get("dimensions")).isEmpty()) {
                byPeriod.put((String) point.get("period"), new BigDecimal(point.get("value").toString()));
            }
        }
        return byPeriod;
    }

    /** Waits until metric-service's consumer group has committed everything on pacer.records. */
    static void awaitRecordsConsumed() {
        dev.pacer.testing.KafkaTestClient.awaitConsumed("metric-service", "pacer.records", WAIT);
    }

    private static Map<String, BigDecimal> scaled(Map<String, BigDecimal> sums) {
        Map<String, BigDecimal> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k, v.setScale(2, java.math.RoundingMode.HALF_UP)));
        return out;
    }
}
