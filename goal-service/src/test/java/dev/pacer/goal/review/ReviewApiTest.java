package dev.pacer.goal.review;

import static dev.pacer.goal.TestEvents.at;
import static dev.pacer.goal.TestEvents.monthValue;
import static dev.pacer.goal.tree.GoalApi.activate;
import static dev.pacer.goal.tree.GoalApi.create;
import static dev.pacer.goal.tree.GoalApi.uniqueDepartment;
import static dev.pacer.goal.tree.NewGoal.goal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.goal.TestEvents;
import dev.pacer.events.Topics;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reviews generated from real progress (metric values published on the broker) and real check-ins. */
@QuarkusTest
@PacerTestStack
class ReviewApiTest {
    @Inject
    ObjectMapper mapper;
    @Inject
    TestClock clock;

    private ObjectMapper json;
    private String metric;
    private String dept;
    private String manager;
    private String root;
    private String onPace;
    private String behind;
    private Instant computed = Instant.parse("2026-03-31T00:00:00Z");

    @BeforeEach
    void setUp() {
        json = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // 2026-03-31: 90 of FY2026's 365 days have elapsed
        clock.set(Instant.parse("2026-03-31T12:00:00Z"));
        metric = TestEvents.uniqueMetricKey("customers");
        dept = uniqueDepartment("市场部");
        manager = Tokens.token("li.na", Set.of("manager"), Set.of(dept));
        TestEvents.send(mapper, TestEvents.metric(metric, 1, "CERTIFIED", "个", List.of("region")));
        TestEvents.awaitCatalog();

        root = create(manager, goal("客户增长", dept).description("新老客户"));
        onPace = create(manager, goal("新增客户数", dept).under(root).weight(60).description("新增下单客户")
                .measure(metric, Map.of("region", "east"), "TOTAL").targets(null, 1200, 1500));
        behind = create(manager, goal("老客户复购数", dept).under(root).weight(40).description("复购客户")
                .measure(metric, Map.of("region", "north"), "TOTAL").targets(null, 400, null));
        for (String id : List.of(onPace, behind, root)) {
            activate(manager, id).statusCode(200);
        }
        for (String month : List.of("2026-01", "2026-02", "2026-03")) {
            send("east", month, "100");
            send("north", month, "15");
        }
        TestEvents.awaitMetricValues();
        checkIn(onPace, 8, null);
        checkIn(behind, 4, "渠道预算尚未批复");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void send(String region, String month, String value) {
        computed = computed.plusSeconds(1);
        TestEvents.send(mapper, monthValue(metric, Map.of("region", region), month, value, at(computed.toString())));
    }

    private void checkIn(String goalId, int confidence, String blockers) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("comment", "本月进展", "confidence", confidence));
        if (blockers != null) {
            body.put("blockers", blockers);
        }
        given().auth().oauth2(manager).contentType("application/json").body(body)
                .post("/goals/" + goalId + "/check-ins").then().statusCode(201);
    }

    private ValidatableResponse post(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post("/reviews").then();
    }

    private JsonNode review(String token, String id) throws Exception {
        return json.readTree(given().auth().oauth2(token).accept("application/json").get("/reviews/" + id).then()
                .statusCode(200).extract().asString());
    }

    private JsonNode progress(String goalId) throws Exception {
        return json.readTree(given().auth().oauth2(manager).accept("application/json").get("/goals/" + goalId
                + "/progress").then().statusCode(200).extract().asString());
    }

    private static JsonNode goalLine(JsonNode review, String goalId) {
        for (JsonNode g : review.get("goals")) {
            if (g.get("goalId").asText().equals(goalId)) {
                return g;
            }
        }
        throw new AssertionError("goal " + goalId + " is not in the review");
    }

    private static List<String> changes(JsonNode review, String goalId) {
        List<String> out = new ArrayList<>();
        review.get("statusChanges").forEach(c -> {
            if (c.get("goalId").asText().equals(goalId)) {
                out.add(c.get("from").asText() + "→" + c.get("to").asText());
            }
        });
        return out;
    }

    private static BigDecimal decimal(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    @Test
    void aQuarterReviewShowsAttainmentVariancesStatusChangesLaggardsAndCheckIns() throws Exception {
        String id = post(manager, Map.of("period", "FY2026-Q1", "department", dept)).statusCode(201)
                .body("period", equalTo("FY2026-Q1")).body("from", equalTo("2026-01-01"))
                .body("to", equalTo("2026-03-31")).extract().path("id");
        JsonNode review = review(manager, id);

        assertThat(review.get("goals")).hasSize(3);
        JsonNode lagging = goalLine(review, behind);
        assertThat(lagging.get("status").asText()).isEqualTo("OFF_TRACK");
        assertThat(decimal(lagging.get("actual"))).isEqualByComparingTo("45");
        assertThat(decimal(lagging.get("varianceToBase"))).isEqualByComparingTo("-355");
        // expected 400 × 90 / 365 = 98.630137
        assertThat(decimal(lagging.get("varianceToExpected"))).isEqualByComparingTo("-53.630137");
        assertThat(goalLine(review, onPace).get("status").asText()).isEqualTo("ON_TRACK");
        assertThat(changes(review, behind)).containsExactly("NO_DATA→OFF_TRACK");
        assertThat(changes(review, onPace)).last().isEqualTo("OFF_TRACK→ON_TRACK");

        // the objective lags, pulled down by the sub-goal behind plan and not by the one on pace
        JsonNode laggard = null;
        for (JsonNode l : review.get("laggards")) {
            laggard = l.get("goalId").asText().equals(root) ? l : laggard;
        }
        assertThat(laggard).as("the objective is a laggard").isNotNull();
        assertThat(laggard.get("pulledDownBy")).hasSize(1);
        assertThat(laggard.at("/pulledDownBy/0/goalId").asText()).isEqualTo(behind);

        assertThat(review.at("/checkIns/count").asInt()).isEqualTo(2);
        assertThat(decimal(review.at("/checkIns/averageConfidence"))).isEqualByComparingTo("6");
        assertThat(review.at("/checkIns/openBlockers/0/blockers").asText()).isEqualTo("渠道预算尚未批复");
    }

    @Test
    void aMonthReviewShowsTheStandingAtTheMonthsEnd() throws Exception {
        // every progress point of this test is dated 2026-03-31: by the end of February there was none
        String id = post(manager, Map.of("period", "2026-02", "rootGoalId", root)).statusCode(201).extract()
                .path("id");
        JsonNode review = review(manager, id);

        assertThat(review.get("goals")).hasSize(3);
        assertThat(review.get("goals")).allMatch(g -> g.get("status").asText().equals("NO_DATA"));
        assertThat(review.get("statusChanges")).isEmpty();
        assertThat(review.at("/checkIns/count").asInt()).isZero();
    }

    @Test
    void aReviewExportsAsCsvAndMarkdown() {
        String id = post(manager, Map.of("period", "FY2026", "rootGoalId", root)).statusCode(201).extract().path("id");

        byte[] csvBytes = given().auth().oauth2(manager).accept("text/csv").get("/reviews/" + id).then()
                .statusCode(200).header("Content-Type", org.hamcrest.Matchers.startsWith("text/csv")).extract()
                .asByteArray();
        String csv = new String(csvBytes, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFperiod,goal_id,parent_id,title,");
        assertThat(csv.substring(1).split("\r\n")).hasSize(4);
        assertThat(csv).contains("FY2026," + behind + "," + root + ",老客户复购数," + dept + ",,40,OFF_TRACK,2026-03-31,45,");

        String md = new String(given().auth().oauth2(manager).accept("text/markdown").get("/reviews/" + id).then()
                .statusCode(200).header("Content-Type", org.hamcrest.Matchers.startsWith("text/markdown")).extract()
                .asByteArray(), StandardCharsets.UTF_8);
        assertThat(md).startsWith("# 复盘 Review FY2026\n");
        assertThat(md).contains("## Laggards", "- **客户增长** OFF_TRACK", "  - 老客户复购数: attainment to date",
                "渠道预算尚未批复");
    }

    @Test
    void actionItemsAreAddedAndTheirStatusChangesByManagersAndTheirOwner() throws Exception {
        String id = post(manager, Map.of("period", "FY2026-Q1", "department", dept)).statusCode(201).extract()
                .path("id");
        String actionId = given().auth().oauth2(manager).contentType("application/json")
                .body(Map.of("title", "加推华北复购活动", "owner", "wang.fang", "dueDate", "2026-04-30"))
                .post("/reviews/" + id + "/actions").then().statusCode(201).body("status", equalTo("OPEN"))
                .body("version", equalTo(1)).extract().path("id");

        String otherMember = Tokens.token("zhao.lei", Set.of("member"), Set.of(dept));
        patch(otherMember, id, actionId, "DONE").statusCode(403);
        String owner = Tokens.token("wang.fang", Set.of("member"), Set.of(dept));
        patch(owner, id, actionId, "DONE").statusCode(200).body("status", equalTo("DONE")).body("version", equalTo(2))
                .body("updatedBy", equalTo("wang.fang"));
        given().auth().oauth2(manager).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("status", "DROPPED")).patch("/reviews/" + id + "/actions/" + actionId).then()
                .statusCode(412);
        given().auth().oauth2(manager).contentType("application/json").header("If-Match", "\"2\"")
                .body(Map.of("status", "DROPPED")).patch("/reviews/" + id + "/actions/" + actionId).then()
                .statusCode(200).header("ETag", "\"3\"").body("status", equalTo("DROPPED"));

        JsonNode review = review(Tokens.withRole("viewer", dept), id);
        assertThat(review.get("actions")).hasSize(1);
        assertThat(review.at("/actions/0/status").asText()).isEqualTo("DROPPED");
        assertThat(review.at("/actions/0/title").asText()).isEqualTo("加推华北复购活动");

        given().auth().oauth2(manager).contentType("application/json").body(Map.of("title", "缺截止日", "owner", "x"))
                .post("/reviews/" + id + "/actions").then().statusCode(400).body("errors.field", hasItem("dueDate"));
        patch(manager, id, actionId, "FINISHED").statusCode(400);
        patch(manager, id, UUID.randomUUID().toString(), "DONE").statusCode(404);
    }

    private ValidatableResponse patch(String token, String reviewId, String actionId, String status) {
        return given().auth().oauth2(token).contentType("application/json").body(Map.of("status", status))
                .patch("/reviews/" + reviewId + "/actions/" + actionId).then();
    }

    @Test
    void otherDepartmentsCannotReadOrActOnAReviewAndBadInputNamesTheField() {
        String id = post(manager, Map.of("period", "FY2026-Q1", "department", dept)).statusCode(201).extract()
                .path("id");
        String actionId = given().auth().oauth2(manager).contentType("application/json")
                .body(Map.of("title", "复盘跟进", "owner", "li.na", "dueDate", "2026-04-30"))
                .post("/reviews/" + id + "/actions").then().statusCode(201).extract().path("id");
        String other = uniqueDepartment("生产部");

        given().auth().oauth2(Tokens.withRole("viewer", other)).get("/reviews/" + id).then().statusCode(403);
        given().auth().oauth2(Tokens.withRole("manager", other)).contentType("application/json")
                .body(Map.of("title", "越权", "owner", "x", "dueDate", "2026-04-30"))
                .post("/reviews/" + id + "/actions").then().statusCode(403);
        patch(Tokens.withRole("manager", other), id, actionId, "DONE").statusCode(403);
        post(Tokens.withRole("manager", other), Map.of("period", "FY2026-Q1", "department", dept)).statusCode(403);
        post(Tokens.withRole("manager", other), Map.of("period", "FY2026-Q1", "rootGoalId", root)).statusCode(403);
        post(Tokens.withRole("viewer", dept), Map.of("period", "FY2026-Q1", "department", dept)).statusCode(403);
        given().auth().oauth2(Tokens.admin()).get("/reviews/" + id).then().statusCode(200);

        post(manager, Map.of("period", "2026-Q1")).statusCode(400).body("errors.field", hasItem("period"));
        post(manager, Map.of("period", "2026-W09")).statusCode(400).body("errors.field", hasItem("period"));
        post(manager, Map.of("department", dept)).statusCode(400).body("errors.field", hasItem("period"));
        post(manager, Map.of("period", "FY2026", "rootGoalId", UUID.randomUUID().toString())).statusCode(400)
                .body("errors.field", hasItem("rootGoalId"));
        given().auth().oauth2(manager).get("/reviews/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void reviewsAreListedNewestFirstPagedFilteredAndOnlyWhereTheCallerMayReadThem() {
        String quarter = post(manager, Map.of("period", "FY2026-Q1", "department", dept)).statusCode(201).extract()
                .path("id");
        clock.set(clock.instant().plusSeconds(60));
        String month = post(manager, Map.of("period", "2026-03", "department", dept)).statusCode(201).extract()
                .path("id");
        given().auth().oauth2(manager).contentType("application/json")
                .body(Map.of("title", "复盘跟进", "owner", "li.na", "dueDate", "2026-04-30"))
                .post("/reviews/" + month + "/actions").then().statusCode(201);

        given().auth().oauth2(manager).get("/reviews?department=" + dept).then().statusCode(200)
                .body("items.id", contains(month, quarter))
                .body("items[0].period", equalTo("2026-03"))
                .body("items[0].to", equalTo("2026-03-31"))
                .body("items[0].goals", equalTo(3))
                .body("items[0].openActions", equalTo(1))
                .body("items[1].openActions", equalTo(0));
        String next = given().auth().oauth2(manager).get("/reviews?limit=1&department=" + dept).then().statusCode(200)
                .body("items.id", contains(month)).extract().path("next");
        given().auth().oauth2(manager).queryParam("cursor", next).get("/reviews?limit=1&department=" + dept).then()
                .statusCode(200).body("items.id", contains(quarter)).body("next", nullValue());
        given().auth().oauth2(manager).get("/reviews?period=FY2026-Q1&department=" + dept).then().statusCode(200)
                .body("items.id", contains(quarter));

        String other = uniqueDepartment("生产部");
        given().auth().oauth2(Tokens.withRole("viewer", other)).get("/reviews?department=" + dept).then()
                .statusCode(200).body("items", empty());
        given().auth().oauth2(Tokens.admin()).get("/reviews?department=" + dept).then().statusCode(200)
                .body("items.id", contains(month, quarter));

        given().auth().oauth2(manager).get("/reviews?period=2026-Q1").then().statusCode(400)
                .body("errors.field", hasItem("period"));
        given().auth().oauth2(manager).get("/reviews?cursor=not-ours!").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        given().auth().oauth2(manager).get("/reviews?limit=0").then().statusCode(400);
    }

    @Test
    void aClosedGoalKeepsItsLastProgressAndStillCountsInTheReview() throws Exception {
        given().auth().oauth2(manager).post("/goals/" + root + "/close").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("2 active sub-goals"));
        given().auth().oauth2(manager).header("If-Match", "\"1\"").post("/goals/" + behind + "/close").then()
                .statusCode(412);
        given().auth().oauth2(Tokens.withRole("manager", uniqueDepartment("生产部"))).post("/goals/" + behind
                + "/close").then().statusCode(403);
        given().auth().oauth2(manager).post("/goals/" + behind + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        given().auth().oauth2(manager).post("/goals/" + behind + "/close").then().statusCode(409);
        // its final progress is published once more, marked CLOSED, so that alert-service stops judging it
        List<JsonNode> closing = KafkaTestClient.poll(Topics.GOAL_PROGRESS, seen -> seen.stream()
                .anyMatch(r -> behind.equals(r.key()) && r.value().contains("\"goalStatus\":\"CLOSED\"")),
                java.time.Duration.ofSeconds(30)).stream().filter(r -> behind.equals(r.key())).map(r -> {
                    try {
                        return json.readTree(r.value()).get("data");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
        JsonNode last = closing.get(closing.size() - 1);
        assertThat(last.get("goalStatus").asText()).isEqualTo("CLOSED");
        assertThat(last.get("paceStatus").asText()).isEqualTo("OFF_TRACK");
        assertThat(last.get("actual").decimalValue()).isEqualByComparingTo("45");
        assertThat(closing.subList(0, closing.size() - 1)).as("the events before it: ACTIVE")
                .allMatch(e -> "ACTIVE".equals(e.get("goalStatus").asText()));

        send("north", "2026-03", "500");
        send("east", "2026-03", "101");
        TestEvents.awaitMetricValues();
        assertThat(decimal(progress(onPace).at("/measured/actual"))).as("an active goal moves on").isEqualByComparingTo("301");
        JsonNode closed = progress(behind);
        assertThat(decimal(closed.at("/measured/actual"))).as("a closed goal stays").isEqualByComparingTo("45");
        assertThat(closed.get("status").asText()).isEqualTo("OFF_TRACK");

        String id = post(manager, Map.of("period", "FY2026-Q1", "department", dept)).statusCode(201).extract()
                .path("id");
        assertThat(decimal(goalLine(review(manager, id), behind).get("actual"))).isEqualByComparingTo("45");
    }
}
