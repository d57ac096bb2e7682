package dev.pacer.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.e2e.fixture.Orders;
import dev.pacer.e2e.system.Api;
import dev.pacer.e2e.system.Eventually;
import dev.pacer.e2e.system.PacerSystem;
import dev.pacer.testing.KafkaTestClient;
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
    private static Orders orders;

    @BeforeAll
    static void start() {
        orders = new Orders(new Api(PacerSystem.shared()));
    }

    @Test
    void orderLinesPushedByRestBecomeMonthlyRevenueEqualToTheirSumAndAReplayChangesNothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String dataset = "orders_" + suffix;
        String metric = "revenue_" + suffix;
        orders.defineDataset(dataset);
        orders.defineMetric(metric, dataset, "SUM", "unit_price * quantity", "USD", null);

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

        orders.push(dataset, lines, 250);
        Eventually.assertThat(WAIT, () -> assertThat(orders.monthly2026(metric)).isEqualTo(Orders.rounded(expected, 2)));

        orders.push(dataset, lines, 250); // the same records again: nothing is counted twice
        KafkaTestClient.awaitConsumed("metric-service", "pacer.records", WAIT);
        assertThat(orders.monthly2026(metric)).isEqualTo(Orders.rounded(expected, 2));
    }
}
