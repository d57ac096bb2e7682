package dev.pacer.alert.rule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class RuleApiTest {
    private String sales;
    private String finance;
    private String salesManager;
    private String salesViewer;
    private String financeManager;

    @BeforeEach
    void departments() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        sales = "sales-" + suffix;
        finance = "finance-" + suffix;
        salesManager = Tokens.token("mia", Set.of("manager"), Set.of(sales));
        salesViewer = Tokens.token("vic", Set.of("viewer"), Set.of(sales));
        financeManager = Tokens.token("fred", Set.of("manager"), Set.of(finance));
    }

    private Map<String, Object> paceRule(String department) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "RevenueBehindPace");
        body.put("kind", "GOAL_PACE");
        body.put("parameters", Map.of("worseThan", "ON_TRACK", "evaluations", 2));
        body.put("scope", Map.of("type", "GOAL_SUBTREE", "key", "g-2026-revenue"));
        body.put("departments", List.of(department));
        body.put("severity", "CRITICAL");
        body.put("labels", Map.of("team", "emea"));
        body.put("pendingFor", "PT10M");
        body.put("keepFiringFor", "PT5M");
        return body;
    }

    private ValidatableResponse post(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post("/rules").then();
    }

    @Test
    void aManagerCreatesReadsReplacesAndDeletesARuleOfTheirDepartment() {
        String id = post(salesManager, paceRule(sales)).statusCode(201).header("ETag", "\"1\"")
                .header("Location", containsString("/rules/"))
                .body("kind", equalTo("GOAL_PACE")).body("parameters.worseThan", equalTo("ON_TRACK"))
                .body("parameters.evaluations", equalTo(2)).body("scope.type", equalTo("GOAL_SUBTREE"))
                .body("pendingFor", equalTo("PT10M")).body("enabled", equalTo(true)).body("createdBy", equalTo("mia"))
                .extract().path("id");
        given().auth().oauth2(salesViewer).get("/rules/" + id).then().statusCode(200)
                .body("labels.team", equalTo("emea"));
        given().auth().oauth2(salesViewer).queryParam("department", sales).get("/rules").then().statusCode(200)
                .body("items.id", hasItem(id));
        given().auth().oauth2(financeManager).get("/rules").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(financeManager).get("/rules/" + id).then().statusCode(403);

        Map<String, Object> changed = paceRule(sales);
        changed.put("severity", "WARNING");
        changed.put("enabled", false);
        given().auth().oauth2(salesManager).contentType("application/json").body(changed).put("/rules/" + id).then()
                .statusCode(428);
        given().auth().oauth2(salesManager).contentType("application/json").header("If-Match", "\"1\"").body(changed)
                .put("/rules/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("severity", equalTo("WARNING")).body("enabled", equalTo(false));
        given().auth().oauth2(salesManager).contentType("application/json").header("If-Match", "\"1\"").body(changed)
                .put("/rules/" + id).then().statusCode(412);
        given().auth().oauth2(salesViewer).queryParam("department", sales).queryParam("enabled", "false")
                .get("/rules").then().statusCode(200).body("items.id", hasItem(id));

        given().auth().oauth2(financeManager).delete("/rules/" + id).then().statusCode(403);
        given().auth().oauth2(salesManager).delete("/rules/" + id).then().statusCode(204);
        given().auth().oauth2(salesManager).get("/rules/" + id).then().statusCode(404);
    }

    @Test
    void aManagerCannotCreateARuleForAnotherDepartmentAndAViewerNoneAtAll() {
        post(salesManager, paceRule(finance)).statusCode(403);
        post(salesViewer, paceRule(sales)).statusCode(403);
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        Map<String, Object> body = paceRule(sales);
        body.put("parameters", Map.of("worseThan", "OFF_TRACK", "limit", 5));
        post(salesManager, body).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("parameters.worseThan"))
                .body("errors.field", hasItem("parameters.limit"));

        Map<String, Object> stale = paceRule(sales);
        stale.put("kind", "STALENESS");
        stale.put("parameters", Map.of("freshnessExpectation", "PT26H"));
        post(salesManager, stale).statusCode(400).body("errors.field", hasItem("scope.type"));

        Map<String, Object> misspelt = paceRule(sales);
        misspelt.put("parameters", Map.of("worseThen", "ON_TRACK"));
        post(salesManager, misspelt).statusCode(400).contentType("application/problem+json");

        Map<String, Object> badKind = paceRule(sales);
        badKind.put("kind", "CRYSTAL_BALL");
        post(salesManager, badKind).statusCode(400).contentType("application/problem+json");

        Map<String, Object> negative = paceRule(sales);
        negative.put("pendingFor", "-PT1M");
        post(salesManager, negative).statusCode(400).body("errors.field", hasItem("pendingFor"));

        Map<String, Object> noScope = paceRule(sales);
        noScope.remove("scope");
        post(salesManager, noScope).statusCode(400).body("errors.field", hasItem(containsString("scope")));

        given().auth().oauth2(salesViewer).queryParam("kind", "NOPE").get("/rules").then().statusCode(400)
                .body("errors.field", hasItem("kind"));
    }
}
