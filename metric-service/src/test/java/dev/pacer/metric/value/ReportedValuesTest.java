package dev.pacer.metric.value;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class ReportedValuesTest {
    private static final String STEWARD = Tokens.withRole("steward", "hr");

    private static Map<String, Object> definition(String kind) {
        Map<String, Object> d = new HashMap<>(Map.of("name", "Employee satisfaction", "description",
                "Average score of the monthly pulse survey (0–10)", "unit", "score", "direction", "HIGHER_IS_BETTER",
                "ownerDepartment", "hr", "steward", "bob", "kind", kind));
        d.put("rounding", Map.of("scale", 1, "mode", "HALF_UP"));
        return d;
    }

    private static void create(String key, Map<String, Object> d) {
        given().auth().oauth2(STEWARD).contentType("application/json").body(Map.of("key", key, "definition", d))
                .post("/metrics").then().statusCode(201);
    }

    @Test
    void pushedValuesAreStoredAsTheyAreAndFeedMetricsComputedFromThem() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String score = "satisfaction_" + run;
        create(score, definition("REPORTED"));
        Map<String, Object> change = definition("DERIVED");
        change.put("formula", score + " - previous(" + score + ")");
        String delta = "satisfaction_change_" + run;
        create(delta, change);

        given().auth().oauth2(Tokens.withRole("integration")).contentType("application/json")
                .body(List.of(Map.of("period", "2026-01", "value", 8.4), Map.of("period", "2026-02", "value", 8.75)))
                .post("/metrics/" + score + "/values").then().statusCode(200)
                .body("received", equalTo(2));

        given().auth().oauth2(STEWARD).queryParam("grain", "MONTH").queryParam("from", "2026-01-01")
                .queryParam("to", "2026-03-01").get("/metrics/" + score + "/values").then().statusCode(200)
                .body("values.period", equalTo(List.of("2026-01", "2026-02")))
                .body("values[1].value", equalTo(8.8f));
        given().auth().oauth2(STEWARD).queryParam("grain", "MONTH").queryParam("from", "2026-02-01")
                .queryParam("to", "2026-03-01").get("/metrics/" + delta + "/values").then().statusCode(200)
                .body("values[0].value", equalTo(0.4f));
    }

    @Test
    void badPushesAreRefusedNamingTheValue() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String score = "nps_" + run;
        create(score, definition("REPORTED"));
        given().auth().oauth2(STEWARD).contentType("application/json")
                .body(List.of(Map.of("period", "2026-13", "value", 1), Map.of("period", "2026-01", "value", 2),
                        Map.of("period", "2026-01", "value", 3)))
                .post("/metrics/" + score + "/values").then().statusCode(400)
                .body("errors.field", hasItems("[0].period", "[2].period"));
        given().auth().oauth2(Tokens.withRole("viewer", "hr")).contentType("application/json")
                .body(List.of(Map.of("period", "2026-01", "value", 2)))
                .post("/metrics/" + score + "/values").then().statusCode(403);
        Map<String, Object> simple = definition("SIMPLE");
        simple.put("kind", "DERIVED");
        simple.put("formula", score + " * 10");
        create("nps_x10_" + run, simple);
        given().auth().oauth2(STEWARD).contentType("application/json")
                .body(List.of(Map.of("period", "2026-01", "value", 2)))
                .post("/metrics/nps_x10_" + run + "/values").then().statusCode(409)
                .body("type", containsString("not-reported"));
    }
}
