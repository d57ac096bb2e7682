package dev.pacer.goal.progress;

import static dev.pacer.goal.TestEvents.at;
import static dev.pacer.goal.TestEvents.monthValue;
import static dev.pacer.goal.tree.GoalApi.activate;
import static dev.pacer.goal.tree.GoalApi.create;
import static dev.pacer.goal.tree.GoalApi.uniqueDepartment;
import static dev.pacer.goal.tree.NewGoal.goal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.MetricValueChanged;
import dev.pacer.events.Topics;
import dev.pacer.goal.TestEvents;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live progress path end to end: metric values published on the real broker move the progress of the goals
 * they measure and the roll-up up to the annual objective, over REST and as goal-progress events.
 */
@QuarkusTest
@PacerTestStack
class LiveProgressApiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper mapper;
    @Inject
    TestClock clock;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    DailyRefresh refresh;

    private ObjectMapper json;
    private String metric;
    private String dept;
    private String manager;

    @BeforeEach
    void setUp() {
        json = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // 2026-03-31: 90 of FY2026's 365 days have elapsed
        clock.set(Instant.parse("2026-03-31T12:00:00Z"));
        metric = TestEvents.uniqueMetricKey("visits");
        dept = uniqueDepartment("市场部");
        manager = Tokens.withRole("manager", dept);
        TestEvents.send(mapper, TestEvents.metric(metric, 1, "CERTIFIED", "个", List.of("region")));
        TestEvents.awaitCatalog();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void metricValuesMoveGoalProgressAndTheRollUpToTheTopObjectiveAndADuplicatePublishesNothing() throws Exception {
        String root = create(manager, goal("市场占有率提升", dept).description("提升华东市场占有率"));
        String east = create(manager, goal("华东新增客户数", dept).under(root).weight(60).description("华东新增下单客户")
                .measure(metric, Map.of("region", "east"), "TOTAL").targets(null, 1200, 1500));
        String total = create(manager, goal("新增客户数", dept).under(root).weight(40).description("全部新增下单客户")
                .measure(metric, Map.of(), "TOTAL").targets(null, 365, null));
        activate(manager, east).statusCode(200);
        activate(manager, total).statusCode(200);
        activate(manager, root).statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));

        OffsetValues values = new OffsetValues();
        for (String month : List.of("2026-01", "2026-02", "2026-03")) {
            values.send(Map.of("region", "east"), month, "100");
        }
        values.send(Map.of(), "2026-01", "31");
        values.send(Map.of(), "2026-02", "28");
        values.send(Map.of(), "2026-03", "31");
        // a value after the as-of date does not count yet
        values.send(Map.of("region", "east"), "2026-04", "500");
        TestEvents.awaitMetricValues();

        JsonNode eastProgress = progress(east);
        assertThat(eastProgress.get("status").asText()).isEqualTo("ON_TRACK");
        assertThat(decimal(eastProgress.at("/measured/actual"))).isEqualByComparingTo("300");
        assertThat(decimal(eastProgress.at("/measured/expectedBase"))).isEqualByComparingTo("295.890411");
        assertThat(decimal(eastProgress.get("attainmentToDate"))).isEqualByComparingTo("1.013889");
        assertThat(decimal(eastProgress.get("attainmentBase"))).isEqualByComparingTo("0.25");
        assertThat(decimal(eastProgress.get("attainmentChallenge"))).isEqualByComparingTo("0.2");
        assertThat(decimal(eastProgress.at("/measured/runRateForecast"))).isEqualByComparingTo("1216.666667");
        assertThat(eastProgress.at("/measured/periodsWithData").asInt()).isEqualTo(3);

        JsonNode totalProgress = progress(total);
        assertThat(decimal(totalProgress.get("attainmentToDate"))).isEqualByComparingTo("1");
        assertThat(decimal(totalProgress.get("attainmentBase"))).isEqualByComparingTo("0.246575");

        JsonNode rootProgress = progress(root);
        assertThat(rootProgress.has("measured")).isFalse();
        assertThat(rootProgress.at("/rollUp/childrenWithData").asInt()).isEqualTo(2);
        assertThat(rootProgress.get("status").asText()).isEqualTo("ON_TRACK");
        assertThat(decimal(rootProgress.get("attainmentToDate")))
                .isEqualByComparingTo(weighted("1.013889", "1"));
        assertThat(decimal(rootProgress.get("attainmentBase")))
                .isEqualByComparingTo(weighted("0.25", "0.246575"));

        // the same figures went out as goal-progress events, the top objective's included
        JsonNode rootEvent = last(awaitEvent(root, e -> has(e, "attainmentBase", weighted("0.25", "0.246575"))));
        assertThat(rootEvent.get("paceStatus").asText()).isEqualTo("ON_TRACK");
        assertThat(rootEvent.get("title").asText()).isEqualTo("市场占有率提升");
        assertThat(rootEvent.get("periodLabel").asText()).isEqualTo("FY2026");
        JsonNode eastEvent = last(awaitEvent(east, e -> has(e, "actual", new BigDecimal("300"))));
        assertThat(eastEvent.get("parentGoalId").asText()).isEqualTo(root);
        assertThat(eastEvent.get("metricKey").asText()).isEqualTo(metric);
        assertThat(decimal(eastEvent.get("expected"))).isEqualByComparingTo("295.890411");
        assertThat(eastEvent.get("departments").get(0).asText()).isEqualTo(dept);

        // a redelivered event (same id) and a repeated value (new id, same figures) change nothing
        long[] before = {historyRows(root), historyRows(east), historyRows(total)};
        int[] versions = {version(root), version(east), version(total)};
        KafkaTestClient.send(Topics.METRIC_VALUES, metric, json.writeValueAsString(values.lastSent));
        values.send(Map.of("region", "east"), "2026-03", "100");
        TestEvents.awaitMetricValues();
        assertThat(new long[] {historyRows(root), historyRows(east), historyRows(total)}).containsExactly(before);
        assertThat(new int[] {version(root), version(east), version(total)}).containsExactly(versions);

        // a real change after the duplicates: its events come after anything the duplicates could have caused
        values.send(Map.of("region", "east"), "2026-03", "130");
        TestEvents.awaitMetricValues();
        List<JsonNode> eastEvents = awaitEvent(east, e -> has(e, "actual", new BigDecimal("330")));
        assertThat(eastEvents).hasSize((int) before[1] + 1).hasSize((int) historyRows(east));
        List<JsonNode> rootEvents = awaitEvent(root, e -> has(e, "attainmentBase", weighted("0.275", "0.246575")));
        assertThat(rootEvents).hasSize((int) before[0] + 1).hasSize((int) historyRows(root));
        assertThat(historyRows(total)).isEqualTo(before[2]);

        // the history of the top objective shows every step, oldest first
        JsonNode history = json.readTree(given().auth().oauth2(manager).queryParam("limit", 500)
                .get("/goals/" + root + "/progress/history").then().statusCode(200).extract().asString());
        assertThat(history.get("items")).hasSize((int) historyRows(root));
        assertThat(history.get("items").get(0).get("status").asText()).isEqualTo("NO_DATA");
        JsonNode latest = history.get("items").get(history.get("items").size() - 1);
        assertThat(decimal(latest.get("attainmentBase"))).isEqualByComparingTo(weighted("0.275", "0.246575"));
    }

    @Test
    void changingAnActiveGoalsTargetRecomputesItsProgressAndItsParents() throws Exception {
        String root = create(manager, goal("运营效率提升", dept).description("降本增效"));
        String child = create(manager, goal("人均产出", dept).under(root).weight(100).description("人均产出")
                .measure(metric, Map.of("region", "north"), "TOTAL").targets(null, 1000, null));
        activate(manager, child).statusCode(200);
        activate(manager, root).statusCode(200);
        new OffsetValues().send(Map.of("region", "north"), "2026-01", "250");
        TestEvents.awaitMetricValues();
        assertThat(decimal(progress(child).get("attainmentBase"))).isEqualByComparingTo("0.25");

        String etag = given().auth().oauth2(manager).get("/goals/" + child).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(manager).contentType("application/json").header("If-Match", etag)
                .body(goal("人均产出", dept).under(root).weight(100).description("人均产出")
                        .measure(metric, Map.of("region", "north"), "TOTAL").targets(null, 500, null).json())
                .put("/goals/" + child).then().statusCode(200);

        assertThat(decimal(progress(child).get("attainmentBase"))).isEqualByComparingTo("0.5");
        assertThat(decimal(progress(child).get("baseTarget"))).isEqualByComparingTo("500");
        assertThat(decimal(progress(root).get("attainmentBase"))).isEqualByComparingTo("0.5");
    }

    @Test
    void aNewDayMovesTheExpectationOnWithoutNewDataAndTheGoalFallsOffPace() throws Exception {
        String id = create(manager, goal("新增客户数", dept).description("新增下单客户")
                .measure(metric, Map.of("region", "west"), "TOTAL").targets(null, 365, null));
        activate(manager, id).statusCode(200);
        new OffsetValues().send(Map.of("region", "west"), "2026-01", "90");
        TestEvents.awaitMetricValues();
        assertThat(progress(id).get("status").asText()).isEqualTo("ON_TRACK");
        long before = historyRows(id);

        clock.set(Instant.parse("2026-04-30T12:00:00Z")); // 120 days in: 120 expected, 90 done
        refresh.refresh();

        JsonNode after = progress(id);
        assertThat(decimal(after.at("/measured/expectedBase"))).isEqualByComparingTo("120");
        assertThat(after.get("status").asText()).isEqualTo("OFF_TRACK");
        assertThat(after.get("previousStatus").asText()).isEqualTo("ON_TRACK");
        assertThat(historyRows(id)).isEqualTo(before + 1);
        refresh.refresh();
        assertThat(historyRows(id)).isEqualTo(before + 1);
    }

    @Test
    void aBurstOfValuesForManyGoalsIsAppliedWithoutLossAndEachGoalEndsAtItsSum() throws Exception {
        int goals = 10;
        String root = create(manager, goal("区域客户增长", dept).description("各区域新增客户"));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < goals; i++) {
            ids.add(create(manager, goal("区域 " + i, dept).under(root).weight(10).description("区域新增客户")
                    .measure(metric, Map.of("region", "r" + i), "TOTAL").targets(null, 1000, null)));
            activate(manager, ids.get(i)).statusCode(200);
        }
        activate(manager, root).statusCode(200);
        // three months per region, each sent twice: once with 10, then corrected to 20 + region number
        List<Map.Entry<String, String>> records = new java.util.ArrayList<>();
        Instant computed = Instant.parse("2026-03-31T00:00:00Z");
        for (String value : List.of("10", "20")) {
            for (int i = 0; i < goals; i++) {
                for (String month : List.of("2026-01", "2026-02", "2026-03")) {
                    computed = computed.plusMillis(1);
                    String v = value.equals("10") ? value : String.valueOf(20 + i);
                    records.add(Map.entry(metric, json.writeValueAsString(monthValue(metric,
                            Map.of("region", "r" + i), month, v, at(computed.toString())))));
                }
            }
        }
        long started = System.nanoTime();
        KafkaTestClient.sendAll(Topics.METRIC_VALUES, records);
        TestEvents.awaitMetricValues();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("goal-service applied %d metric values to %d goals and their objective in %.2f s "
                + "(%.0f values/s, progress and roll-up recomputed per value)%n", records.size(), goals, seconds,
                records.size() / seconds);

        for (int i = 0; i < goals; i++) {
            assertThat(decimal(progress(ids.get(i)).at("/measured/actual"))).as("region %d", i)
                    .isEqualByComparingTo(String.valueOf(3 * (20 + i)));
        }
        assertThat(progress(root).at("/rollUp/childrenWithData").asInt()).isEqualTo(goals);
    }

    @Test
    void aMessageThatIsNoMetricValueGoesToTheDeadLetterTopicAndTheNextValueStillCounts() throws Exception {
        String id = create(manager, goal("新增客户数", dept).description("新增下单客户")
                .measure(metric, Map.of(), "TOTAL").targets(null, 365, null));
        activate(manager, id).statusCode(200);
        KafkaTestClient.send(Topics.METRIC_VALUES, metric, "{\"not\": \"a cloud event\"}");
        new OffsetValues().send(Map.of(), "2026-01", "31");
        TestEvents.awaitMetricValues();

        assertThat(decimal(progress(id).at("/measured/actual"))).isEqualByComparingTo("31");
        KafkaTestClient.poll(Topics.deadLetter(Topics.METRIC_VALUES),
                seen -> seen.stream().anyMatch(r -> metric.equals(r.key())), WAIT);
    }

    @Test
    void theSliceOfFactsWithoutADimensionValueIsKeptBesideTheOthers() throws Exception {
        String id = create(manager, goal("新增客户数", dept).description("新增下单客户")
                .measure(metric, Map.of(), "TOTAL").targets(null, 365, null));
        activate(manager, id).statusCode(200);
        Map<String, String> noRegion = new java.util.HashMap<>();
        noRegion.put("region", null); // facts without a region, as metric-service groups them
        OffsetValues values = new OffsetValues();
        values.send(noRegion, "2026-01", "7");
        values.send(Map.of("region", "east"), "2026-01", "24");
        values.send(Map.of(), "2026-01", "31");
        TestEvents.awaitMetricValues();

        assertThat(decimal(progress(id).at("/measured/actual"))).isEqualByComparingTo("31");
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("select dims_key, value from "
                + "goal.metric_value where metric_key = ? order by dims_key")) {
            ps.setString(1, metric);
            Map<String, BigDecimal> stored = new java.util.LinkedHashMap<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getBigDecimal(2));
                }
            }
            assertThat(stored).containsOnlyKeys("{}", "{\"region\":\"east\"}", "{\"region\":null}");
            assertThat(stored.get("{\"region\":null}")).isEqualByComparingTo("7");
        }
    }

    @Test
    void aDraftGoalHasNoProgressAndOtherDepartmentsCannotReadIt() {
        String draft = create(manager, goal("草稿目标", dept).description("未激活")
                .measure(metric, Map.of(), "TOTAL").targets(null, 10, null));
        given().auth().oauth2(manager).get("/goals/" + draft + "/progress").then().statusCode(404)
                .body("type", org.hamcrest.Matchers.endsWith("/no-progress"));
        String other = Tokens.withRole("viewer", uniqueDepartment("销售部"));
        given().auth().oauth2(other).get("/goals/" + draft + "/progress").then().statusCode(403);
        given().auth().oauth2(other).get("/goals/" + draft + "/progress/history").then().statusCode(403);
        given().auth().oauth2(manager).queryParam("limit", 0).get("/goals/" + draft + "/progress/history")
                .then().statusCode(400);
    }

    /** Sends month values with increasing computation times, as metric-service would. */
    private final class OffsetValues {
        private Instant computed = Instant.parse("2026-03-31T00:00:00Z");
        CloudEvent<MetricValueChanged> lastSent;

        void send(Map<String, String> dims, String month, String value) {
            computed = computed.plusSeconds(1);
            lastSent = monthValue(metric, dims, month, value, at(computed.toString()));
            TestEvents.send(mapper, lastSent);
        }
    }

    private JsonNode progress(String goalId) throws Exception {
        return json.readTree(given().auth().oauth2(manager).get("/goals/" + goalId + "/progress").then()
                .statusCode(200).extract().asString());
    }

    /** Every goal-progress event of the goal, once one of them matches. */
    private List<JsonNode> awaitEvent(String goalId, Predicate<JsonNode> match) {
        List<ConsumerRecord<String, String>> records = KafkaTestClient.poll(Topics.GOAL_PROGRESS,
                seen -> ofGoal(seen, goalId).stream().anyMatch(match), WAIT);
        return ofGoal(records, goalId);
    }

    private List<JsonNode> ofGoal(List<ConsumerRecord<String, String>> records, String goalId) {
        return records.stream().filter(r -> goalId.equals(r.key())).map(r -> {
            try {
                return json.readTree(r.value()).get("data");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static JsonNode last(List<JsonNode> events) {
        return events.get(events.size() - 1);
    }

    private static boolean has(JsonNode event, String field, BigDecimal value) {
        return event.hasNonNull(field) && decimal(event.get(field)).compareTo(value) == 0;
    }

    private static BigDecimal decimal(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    /** The 60/40 roll-up of two attainments, reported to 6 places. */
    private static BigDecimal weighted(String sixty, String forty) {
        return new BigDecimal(sixty).multiply(new BigDecimal("60")).add(new BigDecimal(forty).multiply(new BigDecimal("40")))
                .divide(new BigDecimal("100"), 6, RoundingMode.HALF_UP);
    }

    private long historyRows(String goalId) throws SQLException {
        return queryLong("select count(*) from goal_progress_history where goal_id = ?::uuid", goalId);
    }

    private int version(String goalId) throws SQLException {
        return (int) queryLong("select version from goal_progress where goal_id = ?::uuid", goalId);
    }

    private long queryLong(String sql, String goalId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, goalId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }
}
