package dev.pacer.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.dev.demo.DemoData;
import dev.pacer.dev.demo.DemoLoader;
import dev.pacer.dev.demo.WebhookInbox;
import dev.pacer.e2e.system.Api;
import dev.pacer.e2e.system.Eventually;
import dev.pacer.e2e.system.PacerSystem;
import dev.pacer.e2e.system.Service;
import dev.pacer.testing.Tokens;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./pacer up --demo}'s loader against the running system: it signs its own tokens with a PEM private key (the
 * one the services trust), loads the demo organisation through the REST APIs, and the result is what a newcomer is
 * promised: a firing alert at a webhook that checks its signature, progress with a forecast, a review and a
 * scorecard; Northwind pulled as the ERP. A second load finds the demo and adds nothing.
 */
class DemoScenarioTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String SECRET = "whsec_demo_" + UUID.randomUUID().toString().replace("-", "");
    private static PacerSystem system;
    private static Api api;
    private static WebhookInbox inbox;
    private static String northwind;
    private static Path work;

    @BeforeAll
    static void start() throws IOException {
        system = PacerSystem.shared();
        api = new Api(system);
        inbox = WebhookInbox.start("127.0.0.1", 0, SECRET,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        northwind = "pacer_demo_nw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        work = Files.createTempDirectory("pacer-demo-e2e");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (inbox != null) {
            inbox.close();
        }
        if (northwind != null) {
            try (Connection c = PacerSystem.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("drop database if exists " + northwind + " with (force)");
            }
        }
    }

    @Test
    void theDemoShowsAFiringAlertProgressAReviewAndAScorecardAndLoadsOnce() throws Exception {
        DemoLoader.Options options = new DemoLoader.Options(system.url(Service.METRIC), system.url(Service.GOAL),
                system.url(Service.ALERT), system.url(Service.INGEST), privateKeyPem(), Tokens.ISSUER, inbox.url(),
                SECRET, PacerSystem.sharedDataset("northwind/northwind.sql"), PacerSystem.jdbcUrl("postgres"),
                PacerSystem.dbUser(), PacerSystem.dbPassword(), northwind, ZoneOffset.UTC, 1, DemoData.DEFAULT_SEED,
                WAIT);
        ByteArrayOutputStream firstOutput = new ByteArrayOutputStream();
        DemoLoader.Result first = new DemoLoader(options, new PrintStream(firstOutput, true, StandardCharsets.UTF_8),
                Clock.systemUTC()).load();
        String printed = firstOutput.toString(StandardCharsets.UTF_8);

        assertThat(first.alreadyLoaded()).as(printed).isFalse();
        assertThat(first.goals()).containsOnlyKeys("市场占有率提升", "客户增长", "新增客户数", "产品创新", "新品销售额");
        assertThat(first.linesPushed()).isBetween(1000, 8000);
        assertThat(first.northwind()).isTrue();
        assertThat(first.northwindPublished()).isEqualTo(2155L);
        assertThat(printed).contains("/q/swagger-ui").contains("./pacer logs webhook").contains("curl");

        // a firing alert about the goal behind pace, visible in alert-service and signed at the webhook
        String customers = first.goals().get("新增客户数");
        JsonPath alerts = api.admin(Service.ALERT).queryParam("state", "FIRING").queryParam("subjectId", customers)
                .get("/alerts").then().statusCode(200).extract().jsonPath();
        assertThat(alerts.getList("items.ruleName")).as(alerts.prettify()).contains(DemoLoader.PACE_RULE);
        Eventually.assertThat(WAIT, () -> assertThat(inbox.bodies()).anySatisfy(body ->
                assertThat(body).contains(customers).contains("FIRING")));
        assertThat(inbox.verifiedCalls()).isPositive();
        assertThat(inbox.refusedCalls()).isZero();

        // progress with a forecast: the marketing goal off track, the new-product goal not behind
        JsonPath progress = api.admin(Service.GOAL).get("/goals/{id}/progress", customers).then().statusCode(200)
                .extract().jsonPath();
        assertThat(progress.getString("status")).isEqualTo("OFF_TRACK");
        assertThat(new BigDecimal(progress.getString("measured.actual")))
                .isEqualByComparingTo(BigDecimal.valueOf(first.newCustomers()));
        assertThat(progress.getString("measured.forecast")).isNotNull();
        assertThat(new BigDecimal(progress.getString("measured.forecast"))).isLessThan(DemoData.NEW_CUSTOMERS_BASE);
        JsonPath products = api.admin(Service.GOAL).get("/goals/{id}/progress", first.goals().get("新品销售额"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(products.getString("status")).isIn("ON_TRACK", "AHEAD", "NO_DATA");

        // the review, as Markdown, and the department's scorecard
        String markdown = api.as(Service.GOAL, "zhang.wei", java.util.Set.of("manager"), java.util.Set.of("市场部"))
                .accept("text/markdown").get("/reviews/{id}", first.reviewId()).then().statusCode(200).extract()
                .asString();
        assertThat(markdown).contains("新增客户数").contains("新客户地推活动");
        JsonPath card = api.admin(Service.GOAL).queryParam("period", first.fiscalYear())
                .queryParam("department", "市场部").get("/scorecards").then().statusCode(200).extract().jsonPath();
        assertThat(card.getList("goals.title")).contains("新增客户数");
        assertThat(card.getString("score")).isNotNull();
        JsonPath checkIns = api.admin(Service.GOAL).get("/goals/{id}/check-ins", customers).then().statusCode(200)
                .extract().jsonPath();
        assertThat(checkIns.getList("items")).hasSize(1);

        // a second load finds the demo and adds nothing
        Map<String, Integer> before = counts(first.fiscalYear());
        ByteArrayOutputStream secondOutput = new ByteArrayOutputStream();
        DemoLoader.Result second = new DemoLoader(options,
                new PrintStream(secondOutput, true, StandardCharsets.UTF_8), Clock.systemUTC()).load();
        assertThat(second.alreadyLoaded()).isTrue();
        assertThat(second.rootGoalId()).isEqualTo(first.rootGoalId());
        assertThat(secondOutput.toString(StandardCharsets.UTF_8)).contains("demo already loaded");
        assertThat(counts(first.fiscalYear())).isEqualTo(before);
        assertThat(api.admin(Service.GOAL).get("/goals/{id}/check-ins", customers).then().statusCode(200)
                .extract().jsonPath().getList("items")).hasSize(1);
    }

    /** How many goals, rules, channels, sources and metrics there are. */
    private static Map<String, Integer> counts(String fiscalYear) {
        return Map.of(
                "goals", size(api.admin(Service.GOAL).queryParam("period", fiscalYear).queryParam("limit", 500)
                        .get("/goals").then().statusCode(200).extract().jsonPath().getList("items")),
                "rules", size(api.admin(Service.ALERT).queryParam("limit", 500).get("/rules").then().statusCode(200)
                        .extract().jsonPath().getList("items")),
                "channels", size(api.admin(Service.ALERT).queryParam("limit", 500).get("/channels").then()
                        .statusCode(200).extract().jsonPath().getList("items")),
                "sources", size(api.steward(Service.INGEST, "sales").queryParam("limit", 500).get("/sources").then()
                        .statusCode(200).extract().jsonPath().getList("items")),
                "metrics", size(api.steward(Service.METRIC, "销售部").queryParam("limit", 500).get("/metrics").then()
                        .statusCode(200).extract().jsonPath().getList("items")));
    }

    private static int size(List<?> items) {
        return items == null ? 0 : items.size();
    }

    /** The test tokens' private key (which the services under test trust) as a PKCS#8 PEM file, as ./pacer keeps it. */
    private static Path privateKeyPem() throws IOException {
        Tokens.publicKey(); // makes the key pair if no test made it yet
        String pkcs8 = System.getProperty(Tokens.KEY_PAIR_PROPERTY).split("\\.")[0];
        StringBuilder pem = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
        for (int i = 0; i < pkcs8.length(); i += 64) {
            pem.append(pkcs8, i, Math.min(pkcs8.length(), i + 64)).append('\n');
        }
        pem.append("-----END PRIVATE KEY-----\n");
        Base64.getDecoder().decode(pkcs8);
        Path file = work.resolve("jwt-private.pem");
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        return file;
    }
}
