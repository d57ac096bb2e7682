package dev.pacer.goal.checkin;

import static dev.pacer.goal.tree.GoalApi.create;
import static dev.pacer.goal.tree.GoalApi.uniqueDepartment;
import static dev.pacer.goal.tree.NewGoal.goal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class CheckInApiTest {
    @Inject
    TestClock clock;

    private static Map<String, Object> checkIn(String comment, Object confidence, String blockers) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("comment", comment);
        body.put("confidence", confidence);
        if (blockers != null) {
            body.put("blockers", blockers);
        }
        return body;
    }

    @Test
    void ownersAndContributorsCheckInAndEveryReaderSeesTheCheckInsNewestFirst() {
        String owner = uniqueDepartment("市场部");
        String contributor = uniqueDepartment("客户服务部");
        String id = create(Tokens.withRole("manager", owner), goal("新增客户数", owner).contributors(contributor));
        String path = "/goals/" + id + "/check-ins";

        given().auth().oauth2(Tokens.token("li.na", Set.of("member"), Set.of(owner))).contentType("application/json")
                .body(checkIn("华东新客户增长放缓", 6, "渠道预算尚未批复")).post(path).then().statusCode(201)
                .body("author", equalTo("li.na")).body("department", equalTo(owner)).body("confidence", equalTo(6))
                .body("id", notNullValue());
        clock.advance(Duration.ofMinutes(1));
        given().auth().oauth2(Tokens.token("wang.fang", Set.of("member"), Set.of(contributor)))
                .contentType("application/json").body(checkIn("复购活动已上线", 8, null)).post(path).then()
                .statusCode(201).body("department", equalTo(contributor)).body("blockers", nullValue());

        given().auth().oauth2(Tokens.withRole("viewer", contributor)).get(path).then().statusCode(200)
                .body("items.comment", contains("复购活动已上线", "华东新客户增长放缓"));
        given().auth().oauth2(Tokens.withRole("viewer", owner)).queryParam("limit", 1).get(path).then()
                .statusCode(200).body("items", hasSize(1)).body("next", notNullValue());
    }

    @Test
    void viewersAndOtherDepartmentsCannotCheckInAndBadCheckInsNameTheField() {
        String owner = uniqueDepartment("生产部");
        String id = create(Tokens.withRole("manager", owner), goal("生产成本下降比例", owner));
        String path = "/goals/" + id + "/check-ins";
        given().auth().oauth2(Tokens.withRole("viewer", owner)).contentType("application/json")
                .body(checkIn("x", 5, null)).post(path).then().statusCode(403);
        given().auth().oauth2(Tokens.withRole("member", uniqueDepartment("销售部"))).contentType("application/json")
                .body(checkIn("x", 5, null)).post(path).then().statusCode(403);
        given().auth().oauth2(Tokens.withRole("member", uniqueDepartment("销售部"))).get(path).then().statusCode(403);
        given().auth().oauth2(Tokens.withRole("member", owner)).contentType("application/json")
                .body(checkIn("x", 11, null)).post(path).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.endsWith("confidence"));
        given().auth().oauth2(Tokens.withRole("member", owner)).contentType("application/json")
                .body(checkIn("", 5, null)).post(path).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.endsWith("comment"));
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body(checkIn("审阅", 7, null))
                .post(path).then().statusCode(201).body("department", nullValue());
    }
}
