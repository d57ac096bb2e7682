package dev.pacer.e2e.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.e2e.fixture.Orders;
import dev.pacer.e2e.system.Api;
import dev.pacer.e2e.system.Eventually;
import dev.pacer.e2e.system.PacerSystem;
import dev.pacer.e2e.system.Service;
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
 * {@code kill -9} of metric-service in the middle of a large ingest, then a restart: the final values equal the
 * expected ones exactly — no record lost (its offset was not committed before its facts were), none counted twice
 * (facts are upserted by dataset and primary key, so a batch applied again changes nothing).
 */
class MetricServiceCrashTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final int LINES = 20_000;
    private static final int BATCH = 1_000;
    private static PacerSystem system;
    private static Orders orders;

    @BeforeAll
    static void start() {
        system = PacerSystem.shared();
        orders = new Orders(new Api(system));
    }

    @Test
    void killingMetricServiceMidIngestLosesNothingAndCountsNothingTwice() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String dataset = "crash_orders_" + suffix;
        String metric = "crash_revenue_" + suffix;
        String lineCount = "crash_lines_" + suffix;
        orders.defineDataset(dataset);
        orders.defineMetric(metric, dataset, "SUM", "unit_price * quantity", "USD", null);
        orders.defineMetric(lineCount, dataset, "COUNT", "1", "lines", 0);

        List<Map<String, Object>> lines = new ArrayList<>();
        Map<String, BigDecimal> revenue = new TreeMap<>();
        Map<String, BigDecimal> count = new TreeMap<>();
        for (int i = 0; i < LINES; i++) {
            LocalDate day = LocalDate.of(2026, 1, 1).plusDays(i % 365);
            BigDecimal unitPrice = new BigDecimal(i % 97).add(new BigDecimal("0.01").multiply(BigDecimal.valueOf(i % 100)));
            int quantity = 1 + i % 7;
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("order_id", "C" + i / 4);
            line.put("product_id", String.valueOf(i % 4));
            line.put("order_date", day.toString());
            line.put("quantity", quantity);
            line.put("unit_price", unitPrice);
            lines.add(line);
            String month = day.toString().substring(0, 7);
            revenue.merge(month, unitPrice.multiply(BigDecimal.valueOf(quantity)), BigDecimal::add);
            count.merge(month, BigDecimal.ONE, BigDecimal::add);
        }

        int half = LINES / 2;
        orders.push(dataset, lines.subList(0, half), BATCH);
        system.kill(Service.METRIC);               // mid-ingest: records of the first half are still being applied
        assertThat(system.isRunning(Service.METRIC)).isFalse();
        orders.push(dataset, lines.subList(half, LINES), BATCH); // ingest keeps accepting: the records wait in Kafka
        orders.push(dataset, lines.subList(half - 3 * BATCH, half), BATCH); // and a client retrying a batch it was unsure of
        system.restart(Service.METRIC);

        Eventually.assertThat(WAIT, () -> {
            assertThat(orders.monthly2026(metric)).isEqualTo(Orders.rounded(revenue, 2));
            assertThat(orders.monthly2026(lineCount)).isEqualTo(Orders.rounded(count, 0));
        });
    }
}
