package dev.pacer.metric.value;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.Grain;
import dev.pacer.events.RecordOperation;
import dev.pacer.events.Topics;
import dev.pacer.metric.TestRecords;
import dev.pacer.metric.fact.FactChange;
import dev.pacer.metric.fact.FactStore;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The day state of the decomposable metrics (here COUNT_DISTINCT, SUM and AVERAGE), kept by the records consumer's
 * deltas, must always equal the state rebuilt from the facts, and the values read from it must equal the aggregates of
 * the records in force (computed here in plain Java) — through loads, moved and changed records, deletes and a replay;
 * with a filter, a dimension, missing measures, and distinct numbers written differently (1.5 and 1.50 are one value).
 * And when another transaction writes the same record at the same time (a replica taking over a partition), nothing is
 * counted twice.
 */
@QuarkusTest
@PacerTestStack
class DayStateTest {
    private static final String STEWARD = Tokens.withRole("steward", "finance");
    private static final List<Grain> GRAINS = List.of(Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR);

    @Inject
    ObjectMapper json;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    FiscalCalendar calendar;
    @Inject
    DayStates states;
    @Inject
    FactStore facts;
    @Inject
    ValueRefresh refresh;

    private String run;
    private String dataset;
    private long version;
    private final Map<String, Map<String, Object>> live = new LinkedHashMap<>();

    private String codes() {
        return "codes_" + run;
    }

    private String amounts() {
        return "amounts_" + run;
    }

    private String averages() {
        return "averages_" + run;
    }

    @Test
    void deltasKeepTheStateEqualToARebuildAndTheValuesEqualToTheRecords() throws Exception {
        setUp();
        List<Map.Entry<String, String>> first = new ArrayList<>();
        String[] days = {"2021-12-31", "2022-01-01", "2022-01-03", "2022-03-31", "2022-04-01"};
        int n = 0;
        for (String day : days) {
            for (String region : List.of("north", "south", "void")) {
                n++;
                first.add(upsert("r" + n, day, region, new BigDecimal(n + ".25"), new BigDecimal(n % 4 + ".5")));
            }
        }
        first.add(upsert("same1", "2022-01-01", "north", null, new BigDecimal("1.5")));
        first.add(upsert("same2", "2022-01-01", "south", BigDecimal.ONE, new BigDecimal("1.50")));
        first.add(upsert("nocode", "2022-01-02", "north", BigDecimal.TEN, null));
        sendAndAwait(first);
        assertConsistent("after the first load");

        // moved to another year with a new code, changed region, and a replay of an unchanged version
        Map.Entry<String, String> moved = upsert("r2", "2023-02-14", "north", new BigDecimal("99.99"),
                new BigDecimal("7"));
        sendAndAwait(List.of(moved, upsert("r4", "2022-01-01", "void", new BigDecimal("0.01"), new BigDecimal("2.5"))));
        KafkaTestClient.sendAll(Topics.RECORDS, List.of(moved));
        sendAndAwait(List.of());
        assertConsistent("after changes and a replay");

        sendAndAwait(List.of(delete("r1"), delete("same1"), delete("nocode"), delete("r13")));
        assertConsistent("after deletes");
    }

    @Test
    void aStateRebuiltWhileRecordsArriveMissesNoneAndCountsNoneTwice() throws Exception {
        setUp();
        List<Map.Entry<String, String>> first = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            first.add(upsert("k" + i, "2025-0" + (i % 3 + 1) + "-1" + i % 9, i % 2 == 0 ? "north" : "south",
                    new BigDecimal(i + ".5"), new BigDecimal(i % 5)));
        }
        sendAndAwait(first);
        int[] round = {0};
        for (String key : List.of(codes(), amounts(), averages())) {
            long before = currentState(key);
            // while the state is built from its snapshot, the consumer applies new, moved and deleted records: it
            // must not wait for the build (the records are consumed here, inside it), and the rebuilt state must
            // count each of them once
            states.whileBuilding(() -> {
                round[0]++;
                List<Map.Entry<String, String>> during = List.of(
                        upsert("new" + round[0], "2025-02-0" + round[0], "north", new BigDecimal("3.5"),
                                new BigDecimal(round[0] % 2 + 7)),
                        upsert("k" + round[0], "2025-03-2" + round[0], "south", new BigDecimal("0.25"),
                                new BigDecimal("1")),
                        delete("k" + (round[0] + 6)));
                KafkaTestClient.sendAll(Topics.RECORDS, during);
                KafkaTestClient.awaitConsumed("metric-service", Topics.RECORDS, Duration.ofSeconds(60));
            });
            // the facts kept meanwhile are added in a round without the lock; records applied after that round are
            // added under it, when the state is swapped in
            states.beforeSwap(() -> {
                try {
                    assertThat(pending()).as("the round took the facts kept while the state was built").isZero();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                KafkaTestClient.sendAll(Topics.RECORDS, List.of(
                        upsert("late" + round[0], "2025-02-1" + round[0], "north", new BigDecimal("1.25"),
                                new BigDecimal(round[0] + 2)),
                        upsert("new" + round[0], "2025-03-0" + round[0], "south", new BigDecimal("2.75"),
                                new BigDecimal("4")),
                        delete("k" + (round[0] + 3))));
                KafkaTestClient.awaitConsumed("metric-service", Topics.RECORDS, Duration.ofSeconds(60));
                try {
                    assertThat(pending()).as("facts kept after the rounds, for the step under the lock").isPositive();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                assertThat(states.rebuild(key, true)).isTrue();
            } finally {
                states.whileBuilding(() -> { });
                states.beforeSwap(() -> { });
            }
            assertThat(currentState(key)).as("a new state replaced the old one").isNotEqualTo(before);
            assertThat(rowsOf(before)).as("the replaced state's rows are deleted").isZero();
            assertThat(pending()).as("no facts are left pending").isZero();
        }
        assertThat(round[0]).isEqualTo(3);
        sendAndAwait(List.of());
        assertConsistent("after records arrived during rebuilds");
    }

    @Test
    void aStateLeftBuildingByARebuildThatDiedIsRemoved() throws Exception {
        setUp();
        sendAndAwait(List.of(upsert("x", "2024-01-01", "north", BigDecimal.ONE, BigDecimal.ONE)));
        // a rebuild that registered its state and died (its build lock went with its connection): the consumer keeps
        // the facts it applies for that state, until the catch-up finds nobody building it
        // (the scheduled catch-up may run meanwhile and remove it first: then the step is repeated)
        long dead = 0;
        for (int attempt = 1; attempt <= 3; attempt++) {
            dead = count("insert into metric_state (state_id, metric_key, status, dataset, metric_version, "
                    + "definition, field_types, calendar, started_at) select nextval('metric_state_id'), metric_key, "
                    + "'building', dataset, metric_version, definition, field_types, calendar, now() from metric_state "
                    + "where state_id = ? returning state_id", currentState(amounts()));
            sendAndAwait(List.of(upsert("y" + attempt, "2024-01-02", "south", BigDecimal.TEN, BigDecimal.ONE)));
            if (count("select count(*) from metric_state where state_id = ?", dead) > 0) {
                break;
            }
        }
        assertThat(count("select count(*) from metric_state_pending where state_id = ?", dead))
                .as("facts kept for the dead rebuild's state").isPositive();
        states.catchUp();
        assertThat(count("select count(*) from metric_state where state_id = ?", dead)).as("its registration").isZero();
        assertThat(count("select count(*) from metric_state_pending where state_id = ?", dead)).as("its facts")
                .isZero();
        assertConsistent("after the dead rebuild's state was removed");
    }

    @Test
    void aRecordWrittenByAnotherTransactionAtTheSameTimeIsNotCountedTwice() throws Exception {
        setUp();
        sendAndAwait(List.of(upsert("a", "2024-05-01", "north", BigDecimal.ONE, BigDecimal.ONE)));
        // another writer (a replica that still thinks it owns the partition) inserts record "b" and holds its
        // transaction open while the consumer applies a newer version of "b": read before that commit, "b" would have
        // no old version and its first version would stay counted beside the second (the facts lock prevents that)
        CountDownLatch inserted = new CountDownLatch(1);
        Thread other = new Thread(() -> QuarkusTransaction.requiringNew().run(() -> {
            facts.apply(List.of(new FactChange(dataset, "b", 1, LocalDate.parse("2024-05-01"), false,
                    StandardCharsets.UTF_8.encode(
                            "{\"id\":\"b\",\"day\":\"2024-05-01\",\"region\":\"south\",\"amount\":5,\"code\":3}"))));
            inserted.countDown();
            sleep(2000);
        }));
        other.start();
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        version = 1;
        sendAndAwait(List.of(upsert("b", "2024-05-02", "north", new BigDecimal("2"), new BigDecimal("4"))));
        other.join();
        assertConsistent("after two writers of one record");
    }

    @Test
    void aRecordTwiceInOneBatchCountsOnceWithItsNewestVersionWhicheverPartItComesIn() throws Exception {
        setUp();
        sendAndAwait(List.of(upsert("e", "2024-05-01", "north", BigDecimal.ONE, BigDecimal.ONE)));
        // one batch given to the fact store in two parts, as the consumer gives it: "c" newest in the first part, "d" in
        // the second, "e" (stored already, version 1001) replaced by its newest from the first part; the store finds
        // the repeats only as the second part comes, after the first was copied to the database
        Map<String, Set<LocalDate>> changed = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Set<LocalDate>> dates = facts.apply(List.of(
                    List.of(change("c", 5, "2024-05-03", "north", "2", "7"), change("d", 1, "2024-05-03", "north", "3",
                            "8"), change("e", 2000, "2024-05-06", "south", "4", "1")),
                    List.of(change("c", 4, "2024-05-04", "south", "5", "9"), change("d", 2, "2024-05-05", "south", "6",
                            "8"), change("e", 1999, "2024-05-07", "north", "1", "1"))).iterator());
            refresh.markChanged(dates);
            return dates;
        });
        live.put("c", fields("c", "2024-05-03", "north", "2", "7"));
        live.put("d", fields("d", "2024-05-05", "south", "6", "8"));
        live.put("e", fields("e", "2024-05-06", "south", "4", "1"));
        ValuesRefreshed.await(dataSource, Duration.ofSeconds(120));

        assertThat(changed.get(dataset)).as("the newest versions' dates and the replaced version's")
                .containsExactlyInAnyOrder(LocalDate.parse("2024-05-01"), LocalDate.parse("2024-05-03"),
                        LocalDate.parse("2024-05-05"), LocalDate.parse("2024-05-06"));
        assertThat(count("select count(*) from fact where dataset = ? and pk in ('c', 'd', 'e')", dataset))
                .isEqualTo(3);
        assertThat(count("select sum(source_version) from fact where dataset = ? and pk in ('c', 'd', 'e')", dataset))
                .as("versions 5, 2 and 2000 stored").isEqualTo(2007);
        assertConsistent("after a batch that held records twice");
    }

    private FactChange change(String id, long sourceVersion, String day, String region, String amount, String code) {
        try {
            return new FactChange(dataset, id, sourceVersion, LocalDate.parse(day), false,
                    ByteBuffer.wrap(json.writeValueAsBytes(fields(id, day, region, amount, code))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> fields(String id, String day, String region, String amount, String code) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("day", day);
        fields.put("region", region);
        fields.put("amount", new BigDecimal(amount));
        fields.put("code", new BigDecimal(code));
        return fields;
    }

    private void setUp() throws Exception {
        run = UUID.randomUUID().toString().substring(0, 8);
        dataset = "state_" + run;
        live.clear();
        version = 1000;
        given().auth().oauth2(STEWARD).contentType("application/json").body(Map.of("key", dataset, "definition",
                Map.of("name", "Coded amounts", "description", "Amounts with a code, by day and region",
                        "fields", List.of(
                                Map.of("name", "id", "type", "STRING", "required", true),
                                Map.of("name", "day", "type", "DATE", "required", true),
                                Map.of("name", "region", "type", "STRING", "required", true),
                                Map.of("name", "amount", "type", "DECIMAL", "required", false),
                                Map.of("name", "code", "type", "DECIMAL", "required", false)),
                        "primaryKey", List.of("id"), "eventTimeField", "day", "ownerDepartment", "finance",
                        "sourceSystem", "test"))).post("/datasets").then().statusCode(201);
        define(codes(), "COUNT_DISTINCT", "code");
        define(amounts(), "SUM", "amount");
        define(averages(), "AVERAGE", "amount");
        Instant deadline = Instant.now().plusSeconds(60);
        while (!built().containsAll(Set.of(codes(), amounts(), averages()))) {
            assertThat(Instant.now()).as("the day states are built").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private Set<String> built() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return states.current(c).keySet();
        }
    }

    private long currentState(String key) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return states.current(c).get(key).id();
        }
    }

    private long rowsOf(long state) throws Exception {
        return count("select (select count(*) from metric_day_state where state_id = ?) + (select count(*) from "
                + "metric_distinct_state where state_id = ?) + (select count(*) from metric_distinct_count where "
                + "state_id = ?)", state, state, state);
    }

    private long pending() throws Exception {
        return count("select count(*) from metric_state_pending p join metric_state s using (state_id) "
                + "where s.dataset = ?", dataset);
    }

    private long count(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void define(String key, String aggregation, String expression) {
        Map<String, Object> d = new HashMap<>(Map.of("name", key, "description", key, "unit", "USD",
                "direction", "HIGHER_IS_BETTER", "ownerDepartment", "finance", "steward", "alice", "kind", "SIMPLE",
                "dataset", dataset, "aggregation", aggregation, "expression", expression));
        d.put("dimensions", List.of("region"));
        d.put("filter", "region != 'void'");
        given().auth().oauth2(STEWARD).contentType("application/json").body(Map.of("key", key, "definition", d))
                .post("/metrics").then().statusCode(201);
    }

    private void assertConsistent(String when) throws Exception {
        for (String key : List.of(codes(), amounts(), averages())) {
            Map<String, String> kept = stateRows(key);
            states.rebuild(key, true);
            assertThat(kept).as(key + " " + when + ": the state kept by deltas equals the state rebuilt from the facts")
                    .isEqualTo(stateRows(key));
            assertThat(stored(key)).as(key + " " + when + ": stored values").isEqualTo(expected(key));
        }
    }

    /** The state rows with facts, as text: day|dims(|value) → total|present|facts (or facts); the distinct counts. */
    private Map<String, String> stateRows(String key) throws Exception {
        Map<String, String> out = new TreeMap<>();
        long state = currentState(key);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select day || '|' || dims::text, trim_scale(total) || '|' || present || '|' || facts from "
                        + "metric_day_state where state_id = ? and facts <> 0 union all select day || '|' || "
                        + "dims::text || '|' || value, facts::text from metric_distinct_state where state_id = ? "
                        + "and facts <> 0 union all select grain || '|' || period_start || '|' || dims::text, "
                        + "distinct_values::text from metric_distinct_count where state_id = ? "
                        + "and distinct_values <> 0")) {
            ps.setLong(1, state);
            ps.setLong(2, state);
            ps.setLong(3, state);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** grain|period|region → value, for the cells with facts (emptied totals, 0 or null, are left out). */
    private Map<String, String> stored(String key) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select grain, period_start, coalesce(dims ->> 'region', ''), raw_value from metric_value "
                        + "where metric_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal v = rs.getBigDecimal(4);
                    out.put(rs.getString(1) + "|" + rs.getObject(2, LocalDate.class) + "|" + rs.getString(3),
                            v == null ? "null" : v.stripTrailingZeros().toPlainString());
                }
            }
        }
        Map<String, String> expected = expected(key);
        String emptied = key.equals(averages()) ? "null" : "0"; // a total whose facts are all gone stays, emptied
        out.entrySet().removeIf(e -> !expected.containsKey(e.getKey()) && e.getKey().endsWith("|")
                && emptied.equals(e.getValue()));
        return out;
    }

    private Map<String, String> expected(String key) {
        Map<String, List<BigDecimal>> cells = new TreeMap<>();
        boolean distinct = key.equals(codes());
        for (Map<String, Object> r : live.values()) {
            if ("void".equals(r.get("region"))) {
                continue;
            }
            LocalDate day = LocalDate.parse((String) r.get("day"));
            BigDecimal m = (BigDecimal) r.get(distinct ? "code" : "amount");
            for (Grain g : GRAINS) {
                String period = g + "|" + calendar.periodOf(g, day).start() + "|";
                cells.computeIfAbsent(period, k -> new ArrayList<>()).add(m);
                cells.computeIfAbsent(period + r.get("region"), k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, String> out = new TreeMap<>();
        cells.forEach((cell, values) -> {
            List<BigDecimal> present = values.stream().filter(Objects::nonNull).toList();
            if (distinct) {
                Set<BigDecimal> seen = new HashSet<>();
                present.forEach(v -> seen.add(v.stripTrailingZeros()));
                out.put(cell, String.valueOf(seen.size()));
            } else if (present.isEmpty()) {
                out.put(cell, "null");
            } else {
                BigDecimal sum = present.stream().reduce(BigDecimal::add).orElseThrow();
                BigDecimal v = key.equals(averages())
                        ? sum.divide(BigDecimal.valueOf(present.size()), MathContext.DECIMAL128) : sum;
                out.put(cell, v.stripTrailingZeros().toPlainString());
            }
        });
        return out;
    }

    private Map.Entry<String, String> upsert(String id, String day, String region, BigDecimal amount,
            BigDecimal code) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("day", day);
        fields.put("region", region);
        fields.put("amount", amount);
        fields.put("code", code);
        live.put(id, fields);
        return TestRecords.message(json, dataset, id, RecordOperation.UPSERT, "test", ++version, fields);
    }

    private Map.Entry<String, String> delete(String id) {
        live.remove(id);
        return TestRecords.message(json, dataset, id, RecordOperation.DELETE, "test", ++version, null);
    }

    private void sendAndAwait(List<Map.Entry<String, String>> records) {
        if (!records.isEmpty()) {
            KafkaTestClient.sendAll(Topics.RECORDS, records);
        }
        KafkaTestClient.awaitConsumed("metric-service", Topics.RECORDS, Duration.ofSeconds(120));
        ValuesRefreshed.await(dataSource, Duration.ofSeconds(120));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
