package dev.pacer.goal.scorecard;

import static dev.pacer.goal.TestEvents.at;
import static dev.pacer.goal.TestEvents.monthValue;
import static dev.pacer.goal.tree.GoalApi.activate;
import static dev.pacer.goal.tree.GoalApi.create;
import static dev.pacer.goal.tree.GoalApi.uniqueDepartment;
import static dev.pacer.goal.tree.NewGoal.goal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scorecards from real progress: metric values published on the broker, scored by the configured rule. */
@QuarkusTest
@PacerTestStack
class ScorecardApiTest {
    @Inject
    ObjectMapper mapper;
    @Inject
    TestClock clock;

    private ObjectMapper json;
    private String metric;
    private String dept;
    private String office;
    private String manager;
    private String person;
    private Instant computed = Instant.parse("2026-03-31T00:00:00Z");
    private String onPace;
    private String behind;
    private String noData;
    private String quarterGoal;

    @BeforeEach
    void setUp() throws Exception {
        json = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        clock.set(Instant.parse("2026-03-31T12:00:00Z"));
        metric = TestEvents.uniqueMetricKey("orders");
        dept = uniqueDepartment("销售部");
        office = uniqueDepartment("总经办");
        person = "li.lei-" + UUID.randomUUID().toString().substring(0, 8);
        manager = Tokens.token("planner", Set.of("manager"), Set.of(dept, office));
        TestEvents.send(mapper, TestEvents.metric(metric, 1, "CERTIFIED", "个", List.of("region")));
        TestEvents.awaitCatalog();

        String root = create(manager, goal("年度销售目标", office).description("全年销售"));
        onPace = create(manager, goal("华东订单数", dept).under(root).weight(50).description("华东订单")
                .set("ownerPerson", person).measure(metric, Map.of("region", "east"), "TOTAL")
                .targets(null, 1200, 1500));
        behind = create(manager, goal("华北订单数", dept).under(root).weight(30).description("华北订单")
                .set("ownerPerson", "someone-else").measure(metric, Map.of("region", "north"), "TOTAL")
                .targets(null, 400, null));
        noData = create(manager, goal("华南订单数", dept).under(root).weight(20).description("华南订单")
                .set("ownerPerson", person).measure(metric, Map.of("region", "south"), "TOTAL")
                .targets(null, 100, null));
        quarterGoal = create(manager, goal("一季度西区订单数", dept).period("FY2026-Q1").description("西区订单")
                .measure(metric, Map.of("region", "west"), "TOTAL").targets(null, 300, 400));
        for (String id : List.of(onPace, behind, noData, quarterGoal, root)) {
            activate(manager, id).statusCode(200);
        }
        for (String month : List.of("2026-01", "2026-02", "2026-03")) {
            send("east", month, "450");
            send("north", month, "100");
        }
        send("west", "2026-01", "100");
        send("west", "2026-02", "150");
        send("west", "2026-03", "100");
        TestEvents.awaitMetricValues();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void send(String region, String month, String value) {
        computed = computed.plusSeconds(1);
        TestEvents.send(mapper, monthValue(metric, Map.of("region", region), month, value, at(computed.toString())));
    }

    private JsonNode card(String token, Map<String, String> query) throws Exception {
        return json.readTree(given().auth().oauth2(token).queryParams(query).get("/scorecards").then()
                .statusCode(200).extract().asString());
    }

    private static JsonNode line(JsonNode card, String goalId) {
        for (JsonNode l : card.get("goals")) {
            if (l.get("goalId").asText().equals(goalId)) {
                return l;
            }
        }
        throw new AssertionError("goal " + goalId + " is not on the card " + card);
    }

    private static BigDecimal decimal(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    @Test
    void aDepartmentsYearCardScoresEachGoalFromItsProgressAndWeighsTheScoredOnes() throws Exception {
        JsonNode card = card(Tokens.withRole("viewer", dept), Map.of("period", "FY2026", "department", dept));

        assertThat(card.get("goals")).hasSize(3);
        // 1350 lies half way between base 1200 and challenge 1500: 110
        assertThat(decimal(line(card, onPace).get("actual"))).isEqualByComparingTo("1350");
        assertThat(decimal(line(card, onPace).get("score"))).isEqualByComparingTo("110");
        // 300 of a base target of 400, no challenge: 75
        assertThat(decimal(line(card, behind).get("score"))).isEqualByComparingTo("75");
        assertThat(line(card, noData).has("score")).isFalse();
        // (110 × 50 + 75 × 30) / 80
        assertThat(decimal(card.get("score"))).isEqualByComparingTo("96.88");
        assertThat(decimal(card.get("weightScored"))).isEqualByComparingTo("80");
        assertThat(decimal(card.get("weightTotal"))).isEqualByComparingTo("100");
        assertThat(decimal(card.at("/rule/challengeScore"))).isEqualByComparingTo("120");
    }

    @Test
    void aPersonsCardHoldsOnlyTheGoalsThePersonOwns() throws Exception {
        JsonNode card = card(manager, Map.of("period", "FY2026", "person", person));

        assertThat(card.get("goals")).extracting(l -> l.get("goalId").asText()).containsExactlyInAnyOrder(onPace, noData);
        assertThat(decimal(card.get("score"))).isEqualByComparingTo("110");
        assertThat(decimal(card.get("weightScored"))).isEqualByComparingTo("50");
        assertThat(decimal(card.get("weightTotal"))).isEqualByComparingTo("70");
        assertThat(card.get("person").asText()).isEqualTo(person);
    }

    @Test
    void aQuarterCardHoldsTheGoalsOfThatQuarter() throws Exception {
        JsonNode card = card(manager, Map.of("period", "FY2026-Q1", "department", dept));

        assertThat(card.get("goals")).extracting(l -> l.get("goalId").asText()).containsExactly(quarterGoal);
        // 350 of base 300 / challenge 400: 110
        assertThat(decimal(card.get("score"))).isEqualByComparingTo("110");
        JsonNode q2 = card(manager, Map.of("period", "FY2026-Q2", "department", dept));
        assertThat(q2.get("goals")).isEmpty();
        assertThat(q2.has("score")).isFalse();
    }

    @Test
    void theCardAsCsvHasAByteOrderMarkALinePerGoalAndATotal() {
        byte[] body = given().auth().oauth2(manager).accept("text/csv")
                .queryParams(Map.of("period", "FY2026", "department", dept)).get("/scorecards").then()
                .statusCode(200).header("Content-Type", org.hamcrest.Matchers.startsWith("text/csv"))
                .extract().asByteArray();
        String csv = new String(body, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFgoal_id,title,owner_department,");
        List<String> lines = csv.substring(1).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines).anyMatch(l -> l.startsWith(onPace + ",华东订单数," + dept + "," + person + ",50,")
                && l.endsWith(",1350,1200,1500,AHEAD,110.00"));
        assertThat(lines.get(4)).isEqualTo("TOTAL," + dept + ",,,100,,,,,,96.88");
    }

    @Test
    void anotherDepartmentsCardIsForbiddenAndBadInputNamesTheField() {
        String outsider = Tokens.withRole("viewer", uniqueDepartment("生产部"));
        given().auth().oauth2(outsider).queryParams(Map.of("period", "FY2026", "department", dept))
                .get("/scorecards").then().statusCode(403);
        // a person's card shows an outsider none of the goals of departments it cannot read
        given().auth().oauth2(outsider).queryParams(Map.of("period", "FY2026", "person", person))
                .get("/scorecards").then().statusCode(200).body("goals.size()", equalTo(0));
        given().auth().oauth2(manager).queryParam("department", dept).get("/scorecards").then().statusCode(400)
                .body("errors.field", hasItem("period"));
        given().auth().oauth2(manager).queryParams(Map.of("period", "2026", "department", dept))
                .get("/scorecards").then().statusCode(400).body("errors.field", hasItem("period"));
        given().auth().oauth2(manager).queryParams(Map.of("period", "FY2026", "department", dept, "person", person))
                .get("/scorecards").then().statusCode(400).body("type", endsWith("validation"));
        given().auth().oauth2(manager).queryParam("period", "FY2026").get("/scorecards").then().statusCode(400)
                .body("errors.field", hasItem("department"));
    }
}
