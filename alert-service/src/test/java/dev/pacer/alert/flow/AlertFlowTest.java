package dev.pacer.alert.flow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.alert.channel.WebhookSignature;
import dev.pacer.alert.evaluation.Evaluator;
import dev.pacer.alert.notify.DeliveryWorker;
import dev.pacer.alert.notify.Notifier;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.GoalProgressChanged;
import dev.pacer.events.PaceStatus;
import dev.pacer.events.Topics;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The done-when path on the real broker and database: goal progress on {@code pacer.goal-progress} →
 * rule evaluation → alert lifecycle → {@code pacer.alerts} and a signed webhook to a local receiver.
 */
@QuarkusTest
@PacerTestStack
class AlertFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "whsec_flow_test_secret_0123456789";

    @Inject
    TestClock clock;
    @Inject
    ObjectMapper json;
    @Inject
    Evaluator evaluator;
    @Inject
    Notifier notifier;
    @Inject
    DeliveryWorker worker;

    private WebhookReceiver receiver;
    private String department;
    private String goalId;
    private String manager;

    @BeforeEach
    void setUp() throws Exception {
        clock.reset();
        receiver = new WebhookReceiver();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        department = "sales-" + suffix;
        goalId = "g-revenue-" + suffix;
        manager = Tokens.token("mia", Set.of("manager"), Set.of(department));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        clock.reset();
    }

    @Test
    void offTrackLongerThanThePendingDurationFiresSignsAWebhookAndRecoveryResolvesIt() throws Exception {
        String channelId = channel(Map.of("groupInterval", "PT0S"));
        String ruleId = paceRule("RevenueBehindPace", "PT10M");

        Instant t0 = clock.instant();
        sendProgress(PaceStatus.OFF_TRACK, t0);
        String alertId = onlyAlert(ruleId).getString("id");
        assertThat(alert(alertId).getString("alert.state")).isEqualTo("PENDING");

        clock.advance(Duration.ofMinutes(5));
        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        evaluator.tick();
        assertThat(alert(alertId).getString("alert.state")).as("5 of 10 pending minutes").isEqualTo("PENDING");
        assertThat(receiver.calls()).as("a breach shorter than the pending duration notifies nobody").isEmpty();

        clock.advance(Duration.ofMinutes(5));
        evaluator.tick();
        assertThat(alert(alertId).getString("alert.state")).isEqualTo("FIRING");
        WebhookReceiver.await("the firing webhook", () -> receiver.calls().size() == 1, WAIT);
        WebhookReceiver.Call fired = receiver.calls().get(0);
        assertThat(new WebhookSignature(SECRET).check(fired.signature(), fired.body(), clock.instant(),
                WebhookSignature.DEFAULT_TOLERANCE)).isEqualTo(WebhookSignature.Verification.VALID);
        assertThat(new WebhookSignature("whsec_another_secret_0000000").check(fired.signature(), fired.body(),
                clock.instant(), WebhookSignature.DEFAULT_TOLERANCE))
                .isEqualTo(WebhookSignature.Verification.MISMATCH);
        JsonNode firedBody = json.readTree(fired.body());
        assertThat(firedBody.path("status").asText()).isEqualTo("firing");
        assertThat(firedBody.path("alerts")).hasSize(1);
        assertThat(firedBody.path("alerts").get(0).path("alertId").asText()).isEqualTo(alertId);
        assertThat(firedBody.path("alerts").get(0).path("state").asText()).isEqualTo("FIRING");

        clock.advance(Duration.ofMinutes(1));
        sendProgress(PaceStatus.ON_TRACK, clock.instant());
        JsonPath resolved = alert(alertId);
        assertThat(resolved.getString("alert.state")).isEqualTo("RESOLVED");
        assertThat(resolved.getList("history.to", String.class)).containsExactly("PENDING", "FIRING", "RESOLVED");
        assertThat(resolved.getList("history.reason", String.class)).allSatisfy(r -> assertThat(r).isNotBlank());
        assertThat(resolved.getString("history[1].reason")).contains("pending duration PT10M");
        assertThat(resolved.getString("alert.evidence.ruleKind")).isEqualTo("goal_pace");

        WebhookReceiver.await("the resolved webhook", () -> receiver.calls().size() == 2, WAIT);
        JsonNode resolvedBody = json.readTree(receiver.calls().get(1).body());
        assertThat(resolvedBody.path("status").asText()).isEqualTo("resolved");
        assertThat(resolvedBody.path("alerts").get(0).path("state").asText()).isEqualTo("RESOLVED");

        var published = KafkaTestClient.poll(Topics.ALERTS, records -> records.stream()
                .filter(r -> r.value().contains(alertId)).count() >= 3, WAIT);
        assertThat(published.stream().filter(r -> r.value().contains(alertId))
                .map(r -> json(r.value()).path("data").path("state").asText()))
                .containsExactly("PENDING", "FIRING", "RESOLVED");
        assertThat(deliveries(channelId).getList("items.status", String.class))
                .containsExactly("DELIVERED", "DELIVERED");
    }

    @Test
    void closingAGoalResolvesItsFiringAlertThoughItsLastPaceWasOffTrack() throws Exception {
        channel(Map.of("groupInterval", "PT0S"));
        String ruleId = paceRule("RevenueBehindPaceUntilClosed", "PT0S");
        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        String alertId = onlyAlert(ruleId).getString("id");
        assertThat(alert(alertId).getString("alert.state")).isEqualTo("FIRING");
        WebhookReceiver.await("the firing webhook", () -> receiver.calls().size() == 1, WAIT);

        clock.advance(Duration.ofMinutes(1));
        KafkaTestClient.send(Topics.GOAL_PROGRESS, goalId, progressEvent(PaceStatus.OFF_TRACK, clock.instant(),
                GoalProgressChanged.CLOSED));
        awaitConsumed();
        JsonPath resolved = alert(alertId);
        assertThat(resolved.getString("alert.state")).isEqualTo("RESOLVED");
        assertThat(resolved.getString("history[1].reason")).contains("was closed").contains("OFF_TRACK");
        WebhookReceiver.await("the resolved webhook", () -> receiver.calls().size() == 2, WAIT);
        assertThat(json.readTree(receiver.calls().get(1).body()).path("status").asText()).isEqualTo("resolved");

        // a late progress event of the closed goal (ACTIVE, older) opens nothing again
        KafkaTestClient.send(Topics.GOAL_PROGRESS, goalId, progressEvent(PaceStatus.OFF_TRACK,
                clock.instant().minusSeconds(30)));
        awaitConsumed();
        assertThat(alerts(ruleId).getList("items")).hasSize(1);
        assertThat(alert(alertId).getString("alert.state")).isEqualTo("RESOLVED");
    }

    @Test
    void aDuplicatedEventCreatesNoSecondAlertAndNoSecondNotification() throws Exception {
        String channelId = channel(Map.of());
        String ruleId = paceRule("RevenueBehindPaceNow", "PT0S");

        String event = progressEvent(PaceStatus.OFF_TRACK, clock.instant());
        KafkaTestClient.send(Topics.GOAL_PROGRESS, goalId, event);
        awaitConsumed();
        WebhookReceiver.await("the firing webhook", () -> receiver.calls().size() == 1, WAIT);

        KafkaTestClient.send(Topics.GOAL_PROGRESS, goalId, event); // the same event again (same id)
        clock.advance(Duration.ofSeconds(1));
        KafkaTestClient.send(Topics.GOAL_PROGRESS, goalId, event.replaceFirst("\"id\":\"[^\"]+\"",
                "\"id\":\"" + UUID.randomUUID() + "\"")); // re-published with a new id: same progress
        awaitConsumed();
        notifier.flushDue();
        worker.deliverDue();

        assertThat(alerts(ruleId).getList("items")).hasSize(1);
        assertThat(alerts(ruleId).getString("items[0].state")).isEqualTo("FIRING");
        assertThat(alert(alerts(ruleId).getString("items[0].id")).getList("history")).hasSize(1);
        assertThat(deliveries(channelId).getList("items")).hasSize(1);
        assertThat(receiver.calls()).hasSize(1);
    }

    @Test
    void aSilencedAlertNotifiesNobody() throws Exception {
        String channelId = channel(Map.of());
        given().auth().oauth2(manager).contentType("application/json")
                .body(Map.of("matchers", List.of(Map.of("name", "alertname", "operator", "=", "value", "QuietPace")),
                        "endsAt", clock.instant().plus(Duration.ofHours(2)).toString(),
                        "comment", "quarter close", "departments", List.of(department)))
                .post("/silences").then().statusCode(201);
        String ruleId = paceRule("QuietPace", "PT0S");

        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        notifier.flushDue();
        worker.deliverDue();

        assertThat(alerts(ruleId).getString("items[0].state")).as("silences mute, they do not stop alerts")
                .isEqualTo("FIRING");
        assertThat(deliveries(channelId).getList("items")).isEmpty();
        assertThat(receiver.calls()).isEmpty();
    }

    @Test
    void aReceiverThatFailsTwiceThenSucceedsGetsTheAlertExactlyOnce() throws Exception {
        receiver.failNext(2);
        String channelId = channel(Map.of());
        paceRule("FlakyReceiverPace", "PT0S");

        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        WebhookReceiver.await("the first attempt", () -> receiver.calls().size() == 1, WAIT);
        awaitAttempts(channelId, 1);
        assertThat(deliveries(channelId).getString("items[0].status")).isEqualTo("PENDING");

        clock.advance(Duration.ofSeconds(10)); // the first retry waits 10 s
        worker.deliverDue();
        WebhookReceiver.await("the second attempt", () -> receiver.calls().size() == 2, WAIT);
        awaitAttempts(channelId, 2);
        clock.advance(Duration.ofSeconds(19)); // the second waits 20 s: not yet
        worker.deliverDue();
        assertThat(receiver.calls()).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        worker.deliverDue();
        WebhookReceiver.await("the third attempt", () -> receiver.calls().size() == 3, WAIT);
        awaitAttempts(channelId, 3);

        clock.advance(Duration.ofHours(1));
        worker.deliverDue();
        notifier.flushDue();
        List<WebhookReceiver.Call> calls = receiver.calls();
        assertThat(calls).extracting(WebhookReceiver.Call::answered).containsExactly(503, 503, 204);
        assertThat(calls).extracting(WebhookReceiver.Call::deliveryId).containsOnly(calls.get(0).deliveryId());
        JsonPath log = deliveries(channelId);
        assertThat(log.getList("items")).hasSize(1);
        assertThat(log.getString("items[0].status")).isEqualTo("DELIVERED");
        assertThat(log.getList("items[0].attemptLog.statusCode", Integer.class)).containsExactly(503, 503, 204);
    }

    @Test
    void aStillFiringAlertIsSentAgainAfterTheRepeatIntervalAndNotBefore() throws Exception {
        String channelId = channel(Map.of("repeatInterval", "PT1H"));
        paceRule("RepeatedPace", "PT0S");
        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        WebhookReceiver.await("the firing webhook", () -> receiver.calls().size() == 1, WAIT);

        clock.advance(Duration.ofMinutes(59));
        notifier.flushDue();
        worker.deliverDue();
        assertThat(receiver.calls()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        notifier.flushDue();
        worker.deliverDue();
        WebhookReceiver.await("the repeated webhook", () -> receiver.calls().size() == 2, WAIT);
        JsonNode repeated = json.readTree(receiver.calls().get(1).body());
        assertThat(repeated.path("repeat").asBoolean()).isTrue();
        assertThat(repeated.path("alerts").get(0).path("state").asText()).isEqualTo("FIRING");
        assertThat(deliveries(channelId).getList("items")).hasSize(2);
    }

    @Test
    void aReceiverThatNeverAnswersIsGivenUpAfterTheLastAttemptAndItIsRecorded() throws Exception {
        receiver.failNext(1000);
        // no repeat notification within the 9 hours this test moves the clock on (the default repeat is 4 h): the
        // only delivery is the one given up
        String channelId = channel(Map.of("repeatInterval", "PT24H"));
        paceRule("DeadReceiverPace", "PT0S");
        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        awaitAttempts(channelId, 1);
        for (int attempt = 2; attempt <= 8; attempt++) {
            clock.advance(Duration.ofHours(1)); // longer than any backoff
            worker.deliverDue();
            awaitAttempts(channelId, attempt);
        }
        clock.advance(Duration.ofHours(1));
        // the scheduled worker polls too and may hold the row (skip locked) when this call looks: wait for the outcome
        WebhookReceiver.await("the delivery given up", () -> {
            worker.deliverDue();
            return "GAVE_UP".equals(deliveries(channelId).getString("items[0].status"));
        }, WAIT);
        JsonPath log = deliveries(channelId);
        assertThat(log.getString("items[0].status")).isEqualTo("GAVE_UP");
        assertThat(log.getInt("items[0].attempts")).isEqualTo(8);
        assertThat(log.getString("items[0].lastError")).contains("503");
        assertThat(receiver.calls()).hasSize(8);
    }

    // --- helpers ---

    private String channel(Map<String, String> timing) {
        Map<String, Object> body = new HashMap<>(timing);
        body.put("name", "Sales on-call " + department);
        body.put("url", receiver.url());
        body.put("secret", SECRET);
        body.put("departments", List.of(department));
        body.put("severities", List.of("CRITICAL"));
        return given().auth().oauth2(manager).contentType("application/json").body(body).post("/channels").then()
                .statusCode(201).extract().path("id");
    }

    private String paceRule(String name, String pendingFor) {
        return given().auth().oauth2(manager).contentType("application/json")
                .body(Map.of("name", name, "kind", "GOAL_PACE", "parameters", Map.of("worseThan", "ON_TRACK"),
                        "scope", Map.of("type", "GOAL", "key", goalId), "departments", List.of(department),
                        "severity", "CRITICAL", "pendingFor", pendingFor))
                .post("/rules").then().statusCode(201).extract().path("id");
    }

    private String progressEvent(PaceStatus pace, Instant asOf) throws Exception {
        return progressEvent(pace, asOf, GoalProgressChanged.ACTIVE);
    }

    private String progressEvent(PaceStatus pace, Instant asOf, String goalStatus) throws Exception {
        GoalProgressChanged p = new GoalProgressChanged(goalId, null, "Revenue 2026", department, List.of(department),
                "revenue", "2026", new BigDecimal("400000"), new BigDecimal("500000"), new BigDecimal("1200000"),
                new BigDecimal("1500000"), new BigDecimal("0.33"), new BigDecimal("0.27"), pace, null,
                new BigDecimal("1000000"), asOf.atOffset(ZoneOffset.UTC), goalStatus);
        return json.writeValueAsString(CloudEvent.of(EventSources.GOAL_SERVICE, p));
    }

    private void sendProgress(PaceStatus pace, Instant asOf) throws Exception {
        KafkaTestClient.send(Topics.GOAL_PROGRESS, goalId, progressEvent(pace, asOf));
        awaitConsumed();
    }

    private static void awaitConsumed() {
        KafkaTestClient.awaitConsumed("alert-service", Topics.GOAL_PROGRESS, WAIT);
    }

    private JsonPath alerts(String ruleId) {
        return given().auth().oauth2(manager).queryParam("ruleId", ruleId).get("/alerts").then().statusCode(200)
                .extract().jsonPath();
    }

    private JsonPath onlyAlert(String ruleId) {
        JsonPath list = alerts(ruleId);
        assertThat(list.getList("items")).hasSize(1);
        return new JsonPath(list.prettify()).setRootPath("items[0]");
    }

    private JsonPath alert(String id) {
        return given().auth().oauth2(manager).get("/alerts/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath deliveries(String channelId) {
        return given().auth().oauth2(manager).get("/channels/" + channelId + "/deliveries").then().statusCode(200)
                .extract().jsonPath();
    }

    private void awaitAttempts(String channelId, int attempts) {
        WebhookReceiver.await(attempts + " logged attempts", () -> {
            List<Integer> n = deliveries(channelId).getList("items.attempts", Integer.class);
            return n.size() == 1 && n.get(0) == attempts;
        }, WAIT);
    }

    private JsonNode json(String text) {
        try {
            return json.readTree(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
