package dev.pacer.alert.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.alert.evaluation.Evaluator;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.GoalProgressChanged;
import dev.pacer.events.Grain;
import dev.pacer.events.MetricValueChanged;
import dev.pacer.events.PaceStatus;
import dev.pacer.events.Topics;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metric and goal rules evaluated from the real broker, and the alerts API on the real database. */
@QuarkusTest
@PacerTestStack
class AlertApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestClock clock;
    @Inject
    ObjectMapper json;
    @Inject
    Evaluator evaluator;
    @TestHTTPResource("/alerts/stream")
    URL streamUrl;

    private String sales;
    private String metric;
    private String salesManager;
    private String salesMember;
    private String salesViewer;
    private String financeMember;

    @BeforeEach
    void setUp() {
        clock.reset();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        sales = "sales-" + suffix;
        metric = "revenue_" + suffix.replace('-', '_');
        salesManager = Tokens.token("mia", Set.of("manager"), Set.of(sales));
        salesMember = Tokens.token("max", Set.of("member"), Set.of(sales));
        salesViewer = Tokens.token("vic", Set.of("viewer"), Set.of(sales));
        financeMember = Tokens.token("fay", Set.of("member"), Set.of("finance-" + suffix));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aThresholdAlertIsVisibleToItsDepartmentAndItsMembersAcknowledgeIt() throws Exception {
        String ruleId = rule("RevenueBelowFloor", "METRIC_THRESHOLD", Map.of("comparison", "BELOW", "limit", 100,
                "grain", "MONTH"), Map.of("type", "METRIC", "key", metric));
        sendValue(LocalDate.of(2026, 3, 1), "50", clock.instant());

        JsonPath list = alerts(salesViewer, ruleId);
        assertThat(list.getList("items.state", String.class)).containsExactly("FIRING");
        String id = list.getString("items[0].id");
        assertThat(list.getString("items[0].evidence.value")).isEqualTo("50");
        assertThat(list.getString("items[0].evidence.expectation")).isEqualTo("100");
        assertThat(list.getString("items[0].labels.department")).isEqualTo(sales);
        assertThat(alerts(financeMember, ruleId).getList("items")).isEmpty();
        given().auth().oauth2(financeMember).get("/alerts/" + id).then().statusCode(403);

        acknowledge(salesViewer, id).statusCode(403);
        acknowledge(financeMember, id).statusCode(403);
        acknowledge(salesMember, id).statusCode(200).body("acknowledgement.by", equalTo("max"))
                .body("acknowledgement.note", equalTo("calling the EMEA leads")).body("state", equalTo("FIRING"));
        JsonPath detail = given().auth().oauth2(salesViewer).get("/alerts/" + id).then().statusCode(200).extract()
                .jsonPath();
        assertThat(detail.getList("history.to", String.class)).containsExactly("FIRING", "FIRING");
        assertThat(detail.getString("history[1].reason")).contains("acknowledged by max");
        KafkaTestClient.poll(Topics.ALERTS, records -> records.stream().anyMatch(r -> r.value().contains(id)
                && r.value().contains("\"acknowledged\":true")), WAIT);

        clock.advance(Duration.ofMinutes(1));
        sendValue(LocalDate.of(2026, 3, 1), "150", clock.instant());
        assertThat(alerts(salesViewer, ruleId).getString("items[0].state")).isEqualTo("RESOLVED");
        acknowledge(salesMember, id).statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(salesMember).get("/alerts/" + id + "-nope").then().statusCode(404);
    }

    @Test
    void aFiringAlertShowsItsLatestVerdictAndKeepsTheReasonItFiredFor() throws Exception {
        String ruleId = rule("RevenueFarBelowFloor", "METRIC_THRESHOLD", Map.of("comparison", "BELOW", "limit", 100,
                "grain", "MONTH"), Map.of("type", "METRIC", "key", metric));
        sendValue(LocalDate.of(2026, 3, 1), "50", clock.instant());
        JsonPath fired = alerts(salesViewer, ruleId);
        assertThat(fired.getString("items[0].evidence.value")).isEqualTo("50");

        clock.advance(Duration.ofMinutes(1));
        sendValue(LocalDate.of(2026, 3, 1), "70", clock.instant());

        JsonPath later = alerts(salesViewer, ruleId);
        assertThat(later.getList("items.state", String.class)).containsExactly("FIRING");
        assertThat(later.getString("items[0].id")).isEqualTo(fired.getString("items[0].id"));
        assertThat(later.getString("items[0].evidence.value")).as("the latest verdict").isEqualTo("70");
        assertThat(later.getString("items[0].reason")).as("why it fired").isEqualTo(fired.getString("items[0].reason"));
        JsonPath detail = given().auth().oauth2(salesViewer).get("/alerts/" + fired.getString("items[0].id")).then()
                .statusCode(200).extract().jsonPath();
        assertThat(detail.getList("history.to", String.class)).as("no new transition").containsExactly("FIRING");
        assertThat(detail.getString("history[0].evidence.value")).as("the transition keeps its own evidence")
                .isEqualTo("50");
    }

    @Test
    void anAnomalyIsSilentUntilThereIsHistoryAndThenJudgedAgainstItsBand() throws Exception {
        String ruleId = rule("RevenueAnomaly", "ANOMALY", Map.of("grain", "MONTH", "trailingPeriods", 6,
                "minHistory", 3), Map.of("type", "METRIC", "key", metric));
        String[] values = {"100", "300", "102", "98", "101"};
        for (int m = 0; m < values.length; m++) {
            sendValue(LocalDate.of(2026, 1 + m, 1), values[m], clock.instant());
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(alerts(salesViewer, ruleId).getList("items")).as("300 came with too little history").isEmpty();
        sendValue(LocalDate.of(2026, 6, 1), "400", clock.instant());
        JsonPath list = alerts(salesViewer, ruleId);
        assertThat(list.getList("items.state", String.class)).containsExactly("FIRING");
        assertThat(list.getMap("items[0].evidence.baseline")).containsKeys("lower", "centre", "upper");
        assertThat(list.getString("items[0].evidence.ruleKind")).isEqualTo("anomaly");
    }

    @Test
    void aMetricWithoutNewDataFiresOnTheSchedulersClockAndResolvesWhenDataArrives() throws Exception {
        // data first: a scheduled tick between creating the rule and the first value would see a metric that never
        // had data, and fire (and resolve) at once
        sendValue(LocalDate.of(2026, 3, 1), "10", clock.instant());
        String ruleId = rule("RevenueStale", "STALENESS", Map.of("freshnessExpectation", "PT1H"),
                Map.of("type", "METRIC", "key", metric));
        evaluator.tick();
        assertThat(alerts(salesViewer, ruleId).getList("items")).isEmpty();

        clock.advance(Duration.ofMinutes(61));
        evaluator.tick();
        assertThat(alerts(salesViewer, ruleId).getString("items[0].state")).isEqualTo("FIRING");
        assertThat(alerts(salesViewer, ruleId).getString("items[0].reason")).contains("longer than");

        sendValue(LocalDate.of(2026, 3, 1), "11", clock.instant());
        evaluator.tick();
        assertThat(alerts(salesViewer, ruleId).getString("items[0].state")).isEqualTo("RESOLVED");
    }

    @Test
    void aSubtreeRuleWatchesTheGoalsBelowItsRootAndTheStreamTellsTheirDepartment() throws Exception {
        String root = "g-root-" + UUID.randomUUID();
        String child = "g-child-" + UUID.randomUUID();
        String ruleId = rule("SubtreeBehind", "GOAL_PACE", Map.of("worseThan", "ON_TRACK"),
                Map.of("type", "GOAL_SUBTREE", "key", root));
        BlockingQueue<String> salesEvents = listen(salesViewer);
        BlockingQueue<String> financeEvents = listen(financeMember);

        sendProgress(root, null, PaceStatus.ON_TRACK);
        sendProgress(child, root, PaceStatus.OFF_TRACK);

        JsonPath list = alerts(salesViewer, ruleId);
        assertThat(list.getList("items.subjectId", String.class)).containsExactly(child);
        String id = list.getString("items[0].id");
        String streamed = salesEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(streamed).as("a change streamed to the subject's department").contains(id).contains("FIRING");
        assertThat(financeEvents.poll(1, TimeUnit.SECONDS)).as("nothing for another department").isNull();
    }

    // --- helpers ---

    private String rule(String name, String kind, Map<String, Object> parameters, Map<String, String> scope) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        body.put("parameters", parameters);
        body.put("scope", scope);
        body.put("departments", List.of(sales));
        body.put("severity", "WARNING");
        return given().auth().oauth2(salesManager).contentType("application/json").body(body).post("/rules").then()
                .statusCode(201).extract().path("id");
    }

    private void sendValue(LocalDate month, String value, Instant computedAt) throws Exception {
        MetricValueChanged v = new MetricValueChanged(metric, 1, Grain.MONTH, month, month.plusMonths(1), Map.of(),
                new BigDecimal(value), null, "EUR", computedAt.atOffset(ZoneOffset.UTC));
        KafkaTestClient.send(Topics.METRIC_VALUES, metric,
                json.writeValueAsString(CloudEvent.of(EventSources.METRIC_SERVICE, v)));
        KafkaTestClient.awaitConsumed("alert-service", Topics.METRIC_VALUES, WAIT);
    }

    private void sendProgress(String goalId, String parent, PaceStatus pace) throws Exception {
        GoalProgressChanged p = new GoalProgressChanged(goalId, parent, "Goal " + goalId, sales, List.of(sales),
                metric, "2026", BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, null, null, pace, null,
                null, clock.instant().atOffset(ZoneOffset.UTC));
        KafkaTestClient.send(Topics.GOAL_PROGRESS, goalId,
                json.writeValueAsString(CloudEvent.of(EventSources.GOAL_SERVICE, p)));
        KafkaTestClient.awaitConsumed("alert-service", Topics.GOAL_PROGRESS, WAIT);
    }

    private JsonPath alerts(String token, String ruleId) {
        return given().auth().oauth2(token).queryParam("ruleId", ruleId).get("/alerts").then().statusCode(200)
                .extract().jsonPath();
    }

    private io.restassured.response.ValidatableResponse acknowledge(String token, String id) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("note", "calling the EMEA leads")).post("/alerts/" + id + "/acknowledge").then();
    }

    /** Opens the alert stream as {@code token} and collects its data lines. */
    private BlockingQueue<String> listen(String token) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(streamUrl.toString()))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> response.body().filter(l -> l.startsWith("data:")).forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
