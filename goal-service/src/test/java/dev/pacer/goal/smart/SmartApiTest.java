package dev.pacer.goal.smart;

import static dev.pacer.goal.tree.GoalApi.activate;
import static dev.pacer.goal.tree.GoalApi.create;
import static dev.pacer.goal.tree.GoalApi.uniqueDepartment;
import static dev.pacer.goal.tree.NewGoal.goal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.goal.TestEvents;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class SmartApiTest {
    @Inject
    ObjectMapper json;

    @Test
    void activationIsRefusedWhileTheMetricIsNotCertifiedAndAllowedOnceItIs() {
        String metric = TestEvents.uniqueMetricKey("orders_count");
        TestEvents.send(json, TestEvents.metric(metric, 1, "DRAFT", "单", List.of("region")));
        TestEvents.awaitCatalog();
        String dept = uniqueDepartment("销售部");
        String manager = Tokens.withRole("manager", dept);
        String id = create(manager, goal("订单数", dept).description("全年订单数")
                .measure(metric, Map.of("region", "east"), "TOTAL").targets(null, 1000, null));

        given().auth().oauth2(manager).get("/goals/" + id + "/smart").then().statusCode(200)
                .body("passes", equalTo(false))
                .body("letters.letter", contains("SPECIFIC", "MEASURABLE", "ACHIEVABLE", "RELEVANT", "TIME_BOUND"))
                .body("letters.find { it.letter == 'MEASURABLE' }.verdict", equalTo("FAIL"))
                .body("letters.find { it.letter == 'MEASURABLE' }.reasons",
                        hasItem("metric " + metric + " is DRAFT, not CERTIFIED"))
                .body("letters.find { it.letter == 'SPECIFIC' }.verdict", equalTo("PASS"));
        activate(manager, id).statusCode(422)
                .body("type", endsWith("/smart-check-failed"))
                .body("errors.field", contains("measurable"))
                .body("errors[0].message", containsString("not CERTIFIED"));
        given().auth().oauth2(manager).get("/goals/" + id).then().body("status", equalTo("DRAFT"));

        TestEvents.send(json, TestEvents.metric(metric, 2, "CERTIFIED", "单", List.of("region")));
        TestEvents.awaitCatalog();
        given().auth().oauth2(manager).get("/goals/" + id + "/smart").then().statusCode(200)
                .body("passes", equalTo(true));
        activate(manager, id).statusCode(200).body("status", equalTo("ACTIVE")).body("version", equalTo(2));
        activate(manager, id).statusCode(409);
    }

    @Test
    void aGoalWithoutDescriptionNorMeasureFailsSpecificAndMeasurable() {
        String dept = uniqueDepartment("生产部");
        String manager = Tokens.withRole("manager", dept);
        String id = create(manager, goal("降本", dept));
        activate(manager, id).statusCode(422).body("errors.field", contains("specific", "measurable"));
    }

    @Test
    void otherDepartmentsCanNeitherCheckNorActivateAGoal() {
        String dept = uniqueDepartment("市场部");
        String id = create(Tokens.withRole("manager", dept), goal("品牌", dept).description("品牌建设"));
        String other = uniqueDepartment("销售部");
        given().auth().oauth2(Tokens.withRole("viewer", other)).get("/goals/" + id + "/smart").then().statusCode(403);
        activate(Tokens.withRole("manager", other), id).statusCode(403);
        activate(Tokens.withRole("viewer", dept), id).statusCode(403);
        given().get("/goals/" + id + "/smart").then().statusCode(401);
    }
}
