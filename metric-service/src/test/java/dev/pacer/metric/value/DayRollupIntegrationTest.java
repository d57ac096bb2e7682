package dev.pacer.metric.value;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.Grain;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import dev.pacer.events.Topics;
import dev.pacer.metric.TestRecords;
import dev.pacer.platform.calendar.FiscalCalendar;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Week, month, quarter and year values of SUM, COUNT, MIN and MAX metrics are rolled up from their stored DAY values
 * once the metrics' recomputation has succeeded. Every stored value of every grain and slice must equal the aggregate
 * computed here, in plain Java, over the records — after a first load, after a second load into the same periods
 * (ISO weeks straddling years, quarter ends), after a record moves to another year and after deletes, including a
 * year whose amounts are all missing (its sum is null, not the 0 of an emptied day).
 */
@QuarkusTest
@PacerTestStack
class DayRollupIntegrationTest {
    private static final String STEWARD = Tokens.withRole("steward", "finance");
    private static final List<Grain> GRAINS = List.of(Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR);

    @Inject
    ObjectMapper json;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    FiscalCalendar calendar;

    private String run;
    private String dataset;
    private long version;
    /** The records in force: pk → fields. */
    private final Map<String, Map<String, Object>> live = new LinkedHashMap<>();

    private enum Agg { SUM, COUNT, MIN, MAX }

    private String key(Agg agg) {
        return "rollup_" + agg.name().toLowerCase() + "_" + run;
    }

    @Test
    void coarserGrainsRolledUpFromDaysEqualTheAggregatesOfTheRecordsThroughLoadsChangesAndDeletes() throws Exception {
        run = UUID.randomUUID().toString().substring(0, 8);
        dataset = "rollup_" + run;
        given().auth().oauth2(STEWARD).contentType("application/json").body(datasetDefinition()).post("/datasets")
                .then().statusCode(201);
        for (Agg agg : Agg.values()) {
            Map<String, Object> d = new HashMap<>(Map.of("name", "Amount " + agg, "description", "Amount " + agg,
                    "unit", "USD", "direction", "HIGHER_IS_BETTER", "ownerDepartment", "finance", "steward", "alice",
                    "kind", "SIMPLE", "dataset", dataset, "aggregation", agg.name()));
            if (agg != Agg.COUNT) {
                d.put("expression", "amount");
            }
            d.put("dimensions", List.of("region"));
            given().auth().oauth2(STEWARD).contentType("application/json")
                    .body(Map.of("key", key(agg), "definition", d)).post("/metrics").then().statusCode(201);
        }
        awaitRecomputationsSucceeded();

        // 1. a first load: the ISO week 2020-12-28 … 2021-01-03 straddles two years; quarter and month ends
        List<Map.Entry<String, String>> first = new ArrayList<>();
        String[] days = {"2020-12-28", "2020-12-31", "2021-01-01", "2021-01-03", "2021-01-04", "2021-03-31",
            "2021-04-01", "2021-06-30", "2021-07-01"};
        int n = 0;
        for (String day : days) {
            for (String region : List.of("north", "south")) {
                n++;
                first.add(upsert("r" + n, day, region, new BigDecimal(n * 7 % 23 + "." + (n % 10) + "5")));
            }
        }
        // a year whose amounts are all missing: its sum is null, its count is not
        first.add(upsert("null1", "2019-05-02", "north", null));
        first.add(upsert("null2", "2019-05-03", "south", null));
        sendAndAwait(first);
        assertStoredValuesEqualTheRecords("after the first load");

        // 2. a second load into the same periods (the rolled-up periods now add new days to stored ones)
        List<Map.Entry<String, String>> second = new ArrayList<>();
        for (String day : List.of("2020-12-29", "2021-01-02", "2021-03-30", "2021-04-02", "2021-12-31")) {
            n++;
            second.add(upsert("r" + n, day, n % 2 == 0 ? "north" : "east", new BigDecimal("-" + n + ".10")));
        }
        sendAndAwait(second);
        assertStoredValuesEqualTheRecords("after a second load into the same periods");

        // 3. a record moves to another day of another year and gets a new amount; another record changes region
        sendAndAwait(List.of(upsert("r3", "2022-02-14", "south", new BigDecimal("99.99")),
                upsert("r4", "2021-01-01", "east", new BigDecimal("0.01"))));
        assertStoredValuesEqualTheRecords("after changes");

        // 4. deletes: a whole day (2021-07-01), a day of the null year (leaving an emptied day beside a null one)
        sendAndAwait(List.of(delete("r17"), delete("r18"), delete("null2")));
        assertStoredValuesEqualTheRecords("after deletes");
    }

    private Map<String, Object> datasetDefinition() {
        return Map.of("key", dataset, "definition", Map.of(
                "name", "Rolled-up amounts",
                "description", "Amounts by day and region",
                "fields", List.of(
                        Map.of("name", "id", "type", "STRING", "required", true),
                        Map.of("name", "day", "type", "DATE", "required", true),
                        Map.of("name", "region", "type", "STRING", "required", true),
                        Map.of("name", "amount", "type", "DECIMAL", "required", false)),
                "primaryKey", List.of("id"),
                "eventTimeField", "day",
                "ownerDepartment", "finance",
                "sourceSystem", "test"));
    }

    private void awaitRecomputationsSucceeded() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            int succeeded = 0;
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select count(*) from recomputation where metric_key like ? and status = 'SUCCEEDED'")) {
                ps.setString(1, "rollup\\_%\\_" + run);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    succeeded = rs.getInt(1);
                }
            }
            if (succeeded == Agg.values().length) {
                return;
            }
            assertThat(Instant.now()).as("recomputations of the new metrics have succeeded").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private Map.Entry<String, String> upsert(String id, String day, String region, BigDecimal amount) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("day", day);
        fields.put("region", region);
        fields.put("amount", amount);
        live.put(id, fields);
        return record(id, RecordOperation.UPSERT, fields);
    }

    private Map.Entry<String, String> delete(String id) {
        live.remove(id);
        return record(id, RecordOperation.DELETE, null);
    }

    private Map.Entry<String, String> record(String id, RecordOperation op, Map<String, Object> fields) {
        return TestRecords.message(json, dataset, id, op, "test", ++version, fields);
    }

    private void sendAndAwait(List<Map.Entry<String, String>> records) {
        KafkaTestClient.sendAll(Topics.RECORDS, records);
        KafkaTestClient.awaitConsumed("metric-service", Topics.RECORDS, Duration.ofSeconds(120));
        ValuesRefreshed.await(dataSource, Duration.ofSeconds(120));
    }

    private void assertStoredValuesEqualTheRecords(String when) throws Exception {
        for (Agg agg : Agg.values()) {
            Map<String, BigDecimal> expected = expected(agg);
            Map<String, BigDecimal> stored = stored(key(agg));
            Map<String, BigDecimal> extra = new TreeMap<>(stored);
            extra.keySet().removeAll(expected.keySet());
            BigDecimal empty = agg == Agg.SUM || agg == Agg.COUNT ? BigDecimal.ZERO : null;
            assertThat(extra.entrySet()).as(agg + " " + when + ": stored cells without records must be emptied totals")
                    .allMatch(e -> e.getKey().endsWith("|") && sameNumber(e.getValue(), empty));
            Map<String, BigDecimal> kept = new TreeMap<>(stored);
            kept.keySet().retainAll(expected.keySet());
            assertThat(kept.keySet()).as(agg + " " + when + ": every cell with records is stored")
                    .isEqualTo(expected.keySet());
            List<String> wrong = new ArrayList<>();
            expected.forEach((cell, value) -> {
                if (!sameNumber(value, kept.get(cell))) {
                    wrong.add(cell + " expected " + value + " but was " + kept.get(cell));
                }
            });
            assertThat(wrong).as(agg + " " + when).isEmpty();
        }
    }

    /** grain|periodStart|region ('' for the total) → the aggregate of the records in force. */
    private Map<String, BigDecimal> expected(Agg agg) {
        Map<String, List<BigDecimal>> amounts = new TreeMap<>();
        for (Map<String, Object> r : live.values()) {
            LocalDate day = LocalDate.parse((String) r.get("day"));
            for (Grain g : GRAINS) {
                String period = g + "|" + calendar.periodOf(g, day).start() + "|";
                amounts.computeIfAbsent(period, k -> new ArrayList<>()).add((BigDecimal) r.get("amount"));
                amounts.computeIfAbsent(period + r.get("region"), k -> new ArrayList<>()).add((BigDecimal) r.get("amount"));
            }
        }
        Map<String, BigDecimal> out = new TreeMap<>();
        amounts.forEach((cell, values) -> out.put(cell, switch (agg) {
            case SUM -> reduce(values, BigDecimal::add);
            case COUNT -> BigDecimal.valueOf(values.size());
            case MIN -> reduce(values, BigDecimal::min);
            case MAX -> reduce(values, BigDecimal::max);
        }));
        return out;
    }

    private static BigDecimal reduce(List<BigDecimal> values, BinaryOperator<BigDecimal> op) {
        return values.stream().filter(Objects::nonNull).reduce(op).orElse(null);
    }

    private Map<String, BigDecimal> stored(String metric) throws Exception {
        Map<String, BigDecimal> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select grain, period_start, coalesce(dims ->> 'region', ''), raw_value from metric_value "
                        + "where metric_key = ?")) {
            ps.setString(1, metric);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "|" + rs.getObject(2, LocalDate.class) + "|" + rs.getString(3),
                            rs.getBigDecimal(4));
                }
            }
        }
        return out;
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || (a != null && b != null && a.compareTo(b) == 0);
    }
}
