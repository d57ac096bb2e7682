package dev.pacer.goal.adjustment;

import static dev.pacer.goal.tree.GoalApi.activate;
import static dev.pacer.goal.tree.GoalApi.create;
import static dev.pacer.goal.tree.GoalApi.uniqueDepartment;
import static dev.pacer.goal.tree.NewGoal.goal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.goal.TestEvents;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class AdjustmentApiTest {
    @Inject
    ObjectMapper mapper;
    @Inject
    TestClock clock;

    private String metric;
    private String dept;
    private String manager;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-07-15T08:00:00Z"));
        metric = TestEvents.uniqueMetricKey("new_customers");
        dept = uniqueDepartment("市场部");
        manager = Tokens.token("zhang.wei", Set.of("manager"), Set.of(dept));
        TestEvents.send(mapper, TestEvents.metric(metric, 1, "CERTIFIED", "个", List.of()));
        TestEvents.awaitCatalog();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, Object> adjustment(Object base, Object challenge, String reason, String effective) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("baseTarget", base);
        if (challenge != null) {
            body.put("challengeTarget", challenge);
        }
        body.put("reason", reason);
        body.put("effectiveDate", effective);
        return body;
    }

    @Test
    void anAdjustmentKeepsTheOldTargetsAndProgressShowsAttainmentAgainstBoth() throws Exception {
        String id = create(manager, goal("新增客户数", dept).description("新增下单客户")
                .measure(metric, Map.of(), "TOTAL").targets(null, 1000, 1200));
        activate(manager, id).statusCode(200);
        TestEvents.send(mapper, TestEvents.monthValue(metric, Map.of(), "2026-01", "400",
                TestEvents.at("2026-07-01T00:00:00Z")));
        TestEvents.awaitMetricValues();

        given().auth().oauth2(manager).contentType("application/json")
                .body(adjustment(800, 1000, "渠道调整，下调目标", "2026-07-01"))
                .post("/goals/" + id + "/adjustments").then().statusCode(201)
                .body("author", equalTo("zhang.wei"))
                .body("previousBaseTarget", equalTo(1000))
                .body("previousChallengeTarget", equalTo(1200))
                .body("baseTarget", equalTo(800))
                .body("effectiveDate", equalTo("2026-07-01"));
        clock.advance(java.time.Duration.ofSeconds(1)); // the clock stands still: the second adjustment comes later
        given().auth().oauth2(manager).contentType("application/json")
                .body(adjustment(900, null, "二次调整", "2026-07-15"))
                .post("/goals/" + id + "/adjustments").then().statusCode(201);

        given().auth().oauth2(Tokens.withRole("viewer", dept)).get("/goals/" + id + "/adjustments").then()
                .statusCode(200).body("items.reason", contains("渠道调整，下调目标", "二次调整"))
                .body("items.previousBaseTarget", contains(1000, 800));
        given().auth().oauth2(manager).get("/goals/" + id).then().body("baseTarget", equalTo(900))
                .body("version", equalTo(4));

        ObjectMapper json = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode progress = json.readTree(given().auth().oauth2(manager).get("/goals/" + id + "/progress").then()
                .statusCode(200).extract().asString());
        assertThat(new BigDecimal(progress.get("baseTarget").asText())).isEqualByComparingTo("900");
        assertThat(new BigDecimal(progress.get("attainmentBase").asText())).isEqualByComparingTo("0.444444");
        JsonNode original = progress.get("original");
        assertThat(new BigDecimal(original.get("baseTarget").asText())).isEqualByComparingTo("1000");
        assertThat(new BigDecimal(original.get("challengeTarget").asText())).isEqualByComparingTo("1200");
        assertThat(new BigDecimal(original.get("attainmentBase").asText())).isEqualByComparingTo("0.4");
        assertThat(new BigDecimal(original.get("attainmentChallenge").asText())).isEqualByComparingTo("0.333333");
        assertThat(original.get("adjustments").asInt()).isEqualTo(2);
    }

    @Test
    void badAdjustmentsNameTheFieldAndOnlyTheOwnersManagersAdjust() {
        String id = create(manager, goal("新增客户数", dept).description("新增下单客户")
                .measure(metric, Map.of(), "TOTAL").targets(null, 1000, 1200));
        String path = "/goals/" + id + "/adjustments";
        given().auth().oauth2(manager).contentType("application/json")
                .body(adjustment(1000, 900, "x", "2026-07-01")).post(path).then().statusCode(400)
                .body("errors.field", contains("challengeTarget"));
        given().auth().oauth2(manager).contentType("application/json")
                .body(adjustment(1000, null, "x", "2026-08-01")).post(path).then().statusCode(400)
                .body("errors.field", contains("effectiveDate"));
        given().auth().oauth2(manager).contentType("application/json")
                .body(adjustment(1000, null, "x", "2025-12-31")).post(path).then().statusCode(400)
                .body("errors.field", contains("effectiveDate"));
        given().auth().oauth2(manager).contentType("application/json")
                .body(adjustment(1000, null, " ", "2026-07-01")).post(path).then().statusCode(400)
                .body("errors.field", contains("reason"));
        given().auth().oauth2(manager).contentType("application/json").header("If-Match", "\"7\"")
                .body(adjustment(1000, null, "x", "2026-07-01")).post(path).then().statusCode(412);
        given().auth().oauth2(Tokens.withRole("member", dept)).contentType("application/json")
                .body(adjustment(1000, null, "x", "2026-07-01")).post(path).then().statusCode(403);
        String other = uniqueDepartment("销售部");
        given().auth().oauth2(Tokens.withRole("manager", other)).contentType("application/json")
                .body(adjustment(1000, null, "x", "2026-07-01")).post(path).then().statusCode(403);
        given().auth().oauth2(Tokens.withRole("viewer", other)).get(path).then().statusCode(403);
    }
}
