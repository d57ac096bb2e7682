package dev.pacer.alert.mail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * E-mail channels end to end on the real broker and database and a real SMTP server on a local socket: goal progress
 * → rule → alert → notification group → the durable delivery queue → SMTP.
 */
@QuarkusTest
@PacerTestStack
@QuarkusTestResource(value = SmtpServerResource.class, restrictToAnnotatedClass = true)
class EmailFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Session PARSER = Session.getInstance(new Properties());

    @Inject
    TestClock clock;
    @Inject
    ObjectMapper json;
    @Inject
    Notifier notifier;
    @Inject
    DeliveryWorker worker;

    private final SmtpTestServer smtp = SmtpTestServer.shared();
    private String department;
    private String goalId;
    private String manager;
    private String oncall;
    private String lead;

    @BeforeEach
    void setUp() {
        clock.reset();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        department = "sales-" + suffix;
        goalId = "g-customers-" + suffix;
        manager = Tokens.token("mia", Set.of("manager"), Set.of(department));
        oncall = "oncall-" + suffix + "@example.com";
        lead = "lead-" + suffix + "@example.com";
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void aFiringAlertIsMailedOnceToAllRecipientsWithSubjectBodyAndHeaders() throws Exception {
        String channelId = emailChannel(Map.of(), oncall, lead);
        String ruleId = paceRule("新增客户数 behind pace", Map.of());

        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        await("the mail", () -> smtp.acceptedFor(oncall).size() == 1);
        awaitStatus(channelId, "DELIVERED");

        SmtpTestServer.Received received = smtp.acceptedFor(oncall).get(0);
        assertThat(received.rcptTo()).containsExactlyInAnyOrder(oncall, lead);
        assertThat(received.mailFrom()).isEqualTo("alerts@pacer.test");
        assertThat(smtp.acceptedFor(lead)).as("one message for both recipients").hasSize(1);

        String raw = received.text();
        assertThat(raw).as("the subject is MIME encoded-words, not raw UTF-8").contains("Subject: =?UTF-8?")
                .doesNotContain("新增客户数");
        MimeMessage mail = parse(received);
        assertThat(mail.getSubject()).isEqualTo("[FIRING:1] CRITICAL 新增客户数 behind pace — Pacer");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly(oncall, lead);
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("alerts@pacer.test");

        JsonPath log = deliveries(channelId);
        String deliveryId = log.getString("items[0].id");
        String alertId = alerts(ruleId).getString("items[0].id");
        assertThat(log.getList("items[0].alertIds", String.class)).containsExactly(alertId);
        assertThat(log.getList("items[0].attemptLog.statusCode", Integer.class)).containsExactly(250);
        assertThat(mail.getMessageID()).isEqualTo("<" + deliveryId + "@alert-service.pacer>");
        assertThat(mail.getHeader("X-Pacer-Delivery", null)).isEqualTo(deliveryId);
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("UTF-8");
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        for (String body : List.of(text, html)) {
            assertThat(body).contains("新增客户数 behind pace", alertId, ruleId, goalId, "FIRING", "CRITICAL",
                    "goal_pace", deliveryId);
        }
    }

    @Test
    void aServerAnswering4xxTwiceGetsTheMailExactlyOnceOnTheThirdAttempt() throws Exception {
        smtp.answerData(oncall, "451 4.3.0 Mail server temporarily unavailable", 2);
        String channelId = emailChannel(Map.of(), oncall);
        paceRule("FlakyMailPace", Map.of());

        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        awaitAttempts(channelId, 1);
        assertThat(deliveries(channelId).getString("items[0].status")).isEqualTo("PENDING");
        assertThat(smtp.acceptedFor(oncall)).isEmpty();

        clock.advance(Duration.ofSeconds(10)); // the first retry waits 10 s
        worker.deliverDue();
        awaitAttempts(channelId, 2);
        clock.advance(Duration.ofSeconds(20)); // the second 20 s
        worker.deliverDue();
        awaitAttempts(channelId, 3);
        awaitStatus(channelId, "DELIVERED");

        clock.advance(Duration.ofHours(1));
        worker.deliverDue();
        JsonPath log = deliveries(channelId);
        assertThat(log.getList("items")).hasSize(1);
        assertThat(log.getList("items[0].attemptLog.statusCode", Integer.class)).containsExactly(451, 451, 250);
        assertThat(log.getString("items[0].attemptLog[0].error")).contains("451");
        assertThat(smtp.acceptedFor(oncall)).as("exactly one accepted message").hasSize(1);
        assertThat(parse(smtp.acceptedFor(oncall).get(0)).getMessageID())
                .isEqualTo("<" + log.getString("items[0].id") + "@alert-service.pacer>");
    }

    @Test
    void everyRecipientRefusedForGoodIsRecordedAndGivenUpAtOnce() throws Exception {
        smtp.answerRcpt(oncall, "550 5.1.1 No such user", 100);
        smtp.answerRcpt(lead, "550 5.1.1 No such user", 100);
        String channelId = emailChannel(Map.of(), oncall, lead);
        paceRule("BouncingMailPace", Map.of());

        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        awaitStatus(channelId, "GAVE_UP");
        clock.advance(Duration.ofHours(2));
        worker.deliverDue();

        JsonPath log = deliveries(channelId);
        assertThat(log.getList("items")).hasSize(1);
        assertThat(log.getInt("items[0].attempts")).as("no retry of a permanent refusal").isEqualTo(1);
        assertThat(log.getList("items[0].attemptLog.statusCode", Integer.class)).containsExactly(550);
        assertThat(log.getString("items[0].lastError")).contains("550", oncall, lead);
        assertThat(smtp.acceptedFor(oncall)).isEmpty();
        assertThat(smtp.acceptedFor(lead)).isEmpty();
    }

    @Test
    void aRecipientRefusedBesideOneAcceptedStillDeliversAndNotesTheRefusal() throws Exception {
        smtp.answerRcpt(lead, "550 5.1.1 No such user", 100);
        String channelId = emailChannel(Map.of(), oncall, lead);
        paceRule("HalfBouncingPace", Map.of());

        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        awaitStatus(channelId, "DELIVERED");

        JsonPath log = deliveries(channelId);
        assertThat(log.getInt("items[0].attempts")).isEqualTo(1);
        assertThat(log.getString("items[0].attemptLog[0].error")).contains(lead, "550");
        assertThat(smtp.acceptedFor(oncall)).hasSize(1);
        assertThat(smtp.acceptedFor(lead)).isEmpty();
    }

    @Test
    void aSilencedAlertSendsNoMail() throws Exception {
        String channelId = emailChannel(Map.of(), oncall);
        given().auth().oauth2(manager).contentType("application/json")
                .body(Map.of("matchers", List.of(Map.of("name", "alertname", "operator", "=", "value", "QuietMail")),
                        "endsAt", clock.instant().plus(Duration.ofHours(2)).toString(),
                        "comment", "quarter close", "departments", List.of(department)))
                .post("/silences").then().statusCode(201);
        String ruleId = paceRule("QuietMail", Map.of());

        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        notifier.flushDue();
        worker.deliverDue();

        assertThat(alerts(ruleId).getString("items[0].state")).isEqualTo("FIRING");
        assertThat(deliveries(channelId).getList("items")).isEmpty();
        assertThat(smtp.acceptedFor(oncall)).isEmpty();
    }

    @Test
    void alertsOfTwoRulesSharingTheGroupedLabelGoOutInOneMail() throws Exception {
        String channelId = emailChannel(Map.of("groupBy", List.of("team"), "groupWait", "PT1M"), oncall);
        String revenue = paceRule("Revenue behind pace", Map.of("team", "emea"));
        String customers = paceRule("新增客户数 behind pace", Map.of("team", "emea"));

        sendProgress(PaceStatus.OFF_TRACK, clock.instant());
        assertThat(alerts(revenue).getString("items[0].state")).isEqualTo("FIRING");
        assertThat(alerts(customers).getString("items[0].state")).isEqualTo("FIRING");
        notifier.flushDue();
        worker.deliverDue();
        assertThat(deliveries(channelId).getList("items")).as("the group waits its minute").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        notifier.flushDue();
        worker.deliverDue();
        awaitStatus(channelId, "DELIVERED");

        JsonPath log = deliveries(channelId);
        assertThat(log.getList("items")).hasSize(1);
        assertThat(log.getString("items[0].groupKey")).isEqualTo("{team=\"emea\"}");
        assertThat(log.getList("items[0].alertIds", String.class)).containsExactlyInAnyOrder(
                alerts(revenue).getString("items[0].id"), alerts(customers).getString("items[0].id"));
        assertThat(smtp.acceptedFor(oncall)).hasSize(1);
        MimeMessage mail = parse(smtp.acceptedFor(oncall).get(0));
        assertThat(mail.getSubject()).startsWith("[FIRING:2] CRITICAL ").endsWith(" — Pacer")
                .contains("Revenue behind pace", "新增客户数 behind pace");
    }

    @Test
    void anEmailChannelIsShownWithItsRecipientsAndGroupingAndBadFieldsAreNamed() {
        Map<String, Object> body = emailBody(Map.of(), oncall, lead);
        String id = given().auth().oauth2(manager).contentType("application/json").body(body).post("/channels").then()
                .statusCode(201).body("type", equalTo("EMAIL")).body("recipients", equalTo(List.of(oncall, lead)))
                .body("groupBy", equalTo(List.of("rule"))).body("url", equalTo(null))
                .extract().path("id");
        given().auth().oauth2(manager).get("/channels/" + id).then().statusCode(200)
                .body("type", equalTo("EMAIL")).body("recipients", hasItem(lead));

        invalid(emailBody(Map.of("recipients", List.of())), "recipients");
        invalid(emailBody(Map.of("recipients", List.of("not-an-address"))), "recipients[0]");
        invalid(emailBody(Map.of("recipients", List.of(oncall, "Mia <mia@example.com>"))), "recipients[1]");
        invalid(emailBody(Map.of("recipients", List.of(oncall, oncall.toUpperCase()))), "recipients[1]");
        invalid(emailBody(Map.of("recipients", List.of("a@example.com\r\nBcc: x@evil.example"))), "recipients[0]");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add("r" + i + "@example.com");
        }
        invalid(emailBody(Map.of("recipients", many)), "recipients");
        invalid(emailBody(Map.of("url", "https://hooks.example.com/x")), "url");
        invalid(emailBody(Map.of("secret", "whsec_0123456789abcdef")), "secret");
        invalid(emailBody(Map.of("type", "PIGEON")), "type");
        invalid(emailBody(Map.of("groupBy", List.of("team", "team"))), "groupBy");
        invalid(emailBody(Map.of("groupBy", List.of("...", "rule"))), "groupBy");
        invalid(emailBody(Map.of("groupBy", List.of("9lives"))), "groupBy");

        given().auth().oauth2(manager).queryParam("department", department).get("/channels").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));
    }

    // --- helpers ---

    private void invalid(Map<String, Object> body, String field) {
        given().auth().oauth2(manager).contentType("application/json").body(body).post("/channels").then()
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem(field));
    }

    private Map<String, Object> emailBody(Map<String, Object> overrides, String... recipients) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Sales mail " + department);
        body.put("type", "EMAIL");
        body.put("recipients", recipients.length == 0 ? List.of(oncall) : List.of(recipients));
        body.put("departments", List.of(department));
        body.put("severities", List.of("CRITICAL"));
        body.putAll(overrides);
        return body;
    }

    private String emailChannel(Map<String, Object> overrides, String... recipients) {
        return given().auth().oauth2(manager).contentType("application/json").body(emailBody(overrides, recipients))
                .post("/channels").then().statusCode(201).extract().path("id");
    }

    private String paceRule(String name, Map<String, String> labels) {
        return given().auth().oauth2(manager).contentType("application/json")
                .body(Map.of("name", name, "kind", "GOAL_PACE", "parameters", Map.of("worseThan", "ON_TRACK"),
                        "scope", Map.of("type", "GOAL", "key", goalId), "departments", List.of(department),
                        "severity", "CRITICAL", "pendingFor", "PT0S", "labels", labels))
                .post("/rules").then().statusCode(201).extract().path("id");
    }

    private void sendProgress(PaceStatus pace, Instant asOf) throws Exception {
        GoalProgressChanged p = new GoalProgressChanged(goalId, null, "New customers 2026", department,
                List.of(department), "new_customers", "2026", new BigDecimal("400"), new BigDecimal("500"),
                new BigDecimal("1200"), new BigDecimal("1500"), new BigDecimal("0.33"), new BigDecimal("0.27"), pace,
                null, new BigDecimal("1000"), asOf.atOffset(ZoneOffset.UTC));
        KafkaTestClient.send(Topics.GOAL_PROGRESS, goalId,
                json.writeValueAsString(CloudEvent.of(EventSources.GOAL_SERVICE, p)));
        KafkaTestClient.awaitConsumed("alert-service", Topics.GOAL_PROGRESS, WAIT);
    }

    private JsonPath alerts(String ruleId) {
        return given().auth().oauth2(manager).queryParam("ruleId", ruleId).get("/alerts").then().statusCode(200)
                .extract().jsonPath();
    }

    private JsonPath deliveries(String channelId) {
        return given().auth().oauth2(manager).get("/channels/" + channelId + "/deliveries").then().statusCode(200)
                .extract().jsonPath();
    }

    private void awaitAttempts(String channelId, int attempts) {
        await(attempts + " logged attempts", () -> {
            List<Integer> n = deliveries(channelId).getList("items.attempts", Integer.class);
            return n.size() == 1 && n.get(0) == attempts;
        });
    }

    private void awaitStatus(String channelId, String status) {
        await("a " + status + " delivery", () -> {
            worker.deliverDue();
            return deliveries(channelId).getList("items.status", String.class).equals(List.of(status));
        });
    }

    private static MimeMessage parse(SmtpTestServer.Received received) throws Exception {
        return new MimeMessage(PARSER, new ByteArrayInputStream(received.data()));
    }

    /** Waits (polling) until {@code condition} holds; fails after {@link #WAIT}. */
    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + WAIT + " waiting for " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
