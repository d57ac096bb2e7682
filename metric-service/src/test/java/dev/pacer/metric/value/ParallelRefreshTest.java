package dev.pacer.metric.value;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import dev.pacer.events.Topics;
import dev.pacer.metric.TestRecords;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The value refresh takes one dataset per round, and a dataset being refreshed elsewhere (another worker, another
 * replica — here a session holding its refresh lock, as a long round would) does not hold up the others: the small
 * dataset's values are current while the busy one's marks wait, and the busy one's values follow once it is free.
 */
@QuarkusTest
@PacerTestStack
class ParallelRefreshTest {
    private static final String STEWARD = Tokens.withRole("steward", "finance");

    @Inject
    ObjectMapper json;
    @Inject
    AgroalDataSource dataSource;

    private long version;

    @Test
    void aDatasetBeingRefreshedElsewhereDoesNotHoldUpAnotherDatasetsValues() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String busy = "busy_" + run;
        String quiet = "quiet_" + run;
        for (String dataset : List.of(busy, quiet)) {
            define(dataset);
        }
        // a new metric's first recomputation computes its history itself; let it finish before the records arrive
        awaitRecomputations("amount_" + busy, "amount_" + quiet);
        try (Connection holder = dataSource.getConnection()) {
            try (PreparedStatement lock = holder.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, MetricLocks.id("pacer-value-refresh:" + busy));
                lock.execute();
            }
            KafkaTestClient.sendAll(Topics.RECORDS, List.of(record(busy, "b1", "12.50"), record(quiet, "q1", "3.25"),
                    record(busy, "b2", "7.50"), record(quiet, "q2", "1.00")));
            KafkaTestClient.awaitConsumed("metric-service", Topics.RECORDS, Duration.ofSeconds(120));

            assertThat(awaitDayValue(quiet)).as("the quiet dataset's value while the busy one is held")
                    .isEqualByComparingTo("4.25");
            assertThat(storedDayValue(busy)).as("the busy dataset's value while it is held").isNull();
            assertThat(marks(busy)).as("the busy dataset's marks wait").isPositive();
            try (PreparedStatement unlock = holder.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, MetricLocks.id("pacer-value-refresh:" + busy));
                unlock.execute();
            }
        }
        ValuesRefreshed.await(dataSource, Duration.ofSeconds(60));
        assertThat(storedDayValue(busy)).as("the busy dataset's value once it is free").isEqualByComparingTo("20.00");
        assertThat(marks(busy)).isZero();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).as("rounds are measured per dataset")
                .contains("pacer_values_refresh_round_seconds_count{dataset=\"" + busy + "\"")
                .contains("pacer_values_refresh_round_seconds_count{dataset=\"" + quiet + "\"");
    }

    private void define(String dataset) {
        given().auth().oauth2(STEWARD).contentType("application/json").body(Map.of("key", dataset, "definition", Map.of(
                "name", "Amounts " + dataset, "description", "Amounts by day",
                "fields", List.of(Map.of("name", "id", "type", "STRING", "required", true),
                        Map.of("name", "day", "type", "DATE", "required", true),
                        Map.of("name", "amount", "type", "DECIMAL", "required", true)),
                "primaryKey", List.of("id"), "eventTimeField", "day", "ownerDepartment", "finance",
                "sourceSystem", "test"))).post("/datasets").then().statusCode(201);
        given().auth().oauth2(STEWARD).contentType("application/json").body(Map.of("key", "amount_" + dataset,
                "definition", Map.of("name", "Amount " + dataset, "description", "Sum of amounts", "unit", "USD",
                        "direction", "HIGHER_IS_BETTER", "ownerDepartment", "finance", "steward", "alice",
                        "kind", "SIMPLE", "dataset", dataset, "aggregation", "SUM", "expression", "amount")))
                .post("/metrics").then().statusCode(201);
    }

    private void awaitRecomputations(String... keys) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select count(*) from recomputation where metric_key = any (?) and status = 'SUCCEEDED'")) {
                ps.setArray(1, c.createArrayOf("text", keys));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == keys.length) {
                        return;
                    }
                }
            }
            assertThat(Instant.now()).as("the new metrics' recomputations have succeeded").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private Map.Entry<String, String> record(String dataset, String id, String amount) {
        return TestRecords.message(json, dataset, id, RecordOperation.UPSERT, "test", ++version,
                Map.of("id", id, "day", "2024-03-05", "amount", new BigDecimal(amount)));
    }

    private BigDecimal awaitDayValue(String dataset) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        BigDecimal v;
        while ((v = storedDayValue(dataset)) == null || v.compareTo(new BigDecimal("4.25")) != 0) {
            assertThat(Instant.now()).as("the value of " + dataset + " is refreshed").isBefore(deadline);
            Thread.sleep(100);
        }
        return v;
    }

    private BigDecimal storedDayValue(String dataset) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select value from "
                + "metric_value where metric_key = ? and grain = 'DAY' and period_start = '2024-03-05' and dims_key = ''")) {
            ps.setString(1, "amount_" + dataset);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : null;
            }
        }
    }

    private long marks(String dataset) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from pending_value_refresh where dataset = ?")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
