package dev.pacer.goal.tree;

import static dev.pacer.goal.tree.GoalApi.create;
import static dev.pacer.goal.tree.GoalApi.delete;
import static dev.pacer.goal.tree.GoalApi.get;
import static dev.pacer.goal.tree.GoalApi.put;
import static dev.pacer.goal.tree.NewGoal.goal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Creating, changing (with ETags) and deleting goals. */
@QuarkusTest
@PacerTestStack
class GoalLifecycleApiTest {
    private static final String MANAGER = Tokens.withRole("manager", "市场部");

    @Inject
    AgroalDataSource db;

    @Test
    void aCreatedGoalHasALocationAnETagAndIsADraft() {
        var created = GoalApi.post(MANAGER, goal("新增客户数", "市场部").measure("new_customers",
                Map.of("department", "市场部"), "TOTAL").targets(1200, 1500, 1800)).statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .body("status", equalTo("DRAFT")).body("version", equalTo(1))
                .body("direction", equalTo("HIGHER_IS_BETTER")).body("plan.type", equalTo("LINEAR"))
                .body("createdAt", notNullValue()).extract();
        String id = created.path("id");
        org.assertj.core.api.Assertions.assertThat(created.header("Location")).endsWith("/goals/" + id);
        get(MANAGER, id).statusCode(200).header("ETag", equalTo("\"1\""));
    }

    @Test
    void anUpdateNeedsTheCurrentETag() {
        String id = create(MANAGER, goal("新增客户数", "市场部"));
        NewGoal changed = goal("新增客户数（含线上）", "市场部").window("Q2", "Q4").targets(100, 150, 180);

        put(MANAGER, id, null, changed).statusCode(428).contentType(containsString("application/problem+json"));
        put(MANAGER, id, "\"1\"", changed).statusCode(200).header("ETag", equalTo("\"2\""))
                .body("version", equalTo(2)).body("title", equalTo("新增客户数（含线上）"))
                .body("window.fromQuarter", equalTo("Q2")).body("updatedBy", equalTo("manager"));
        put(MANAGER, id, "\"1\"", changed).statusCode(412).contentType(containsString("application/problem+json"))
                .body("detail", containsString("version 2"));
        put(MANAGER, id, "soon", changed).statusCode(400).body("errors[0].field", equalTo("If-Match"));
        get(MANAGER, id).statusCode(200).header("ETag", equalTo("\"2\""));
    }

    @Test
    void anUpdateIsCheckedLikeACreation() {
        String id = create(MANAGER, goal("新增客户数", "市场部"));
        put(MANAGER, id, "\"1\"", goal("新增客户数", "市场部").targets(1, 5, 4)).statusCode(400)
                .body("errors[0].field", equalTo("challengeTarget"));
        get(MANAGER, id).statusCode(200).body("version", equalTo(1));
    }

    @Test
    void aGoalCannotBeNarrowedAroundItsSubGoals() {
        String parent = create(MANAGER, goal("客户增长", "市场部"));
        create(MANAGER, goal("新增客户数", "市场部").under(parent).weight(60).window("Q1", "Q4"));
        put(MANAGER, parent, "\"1\"", goal("客户增长", "市场部").window("Q2", "Q4")).statusCode(400)
                .body("errors[0].field", equalTo("window"))
                .body("errors[0].message", containsString("新增客户数"));
        put(MANAGER, parent, "\"1\"", goal("客户增长", "市场部").period("FY2027")).statusCode(400)
                .body("errors[0].field", equalTo("period"));
    }

    @Test
    void aSubGoalCanMoveButNeverBelowItself() {
        String annual = create(MANAGER, goal("年度目标 市场占有率提升", "市场部"));
        String growth = create(MANAGER, goal("客户增长", "市场部").under(annual).weight(50));
        String newCustomers = create(MANAGER, goal("新增客户数", "市场部").under(growth).weight(60));
        String other = create(MANAGER, goal("品牌建设", "市场部").under(annual).weight(50));

        put(MANAGER, annual, "\"1\"", goal("年度目标 市场占有率提升", "市场部").under(newCustomers).weight(10))
                .statusCode(400).body("errors[0].field", equalTo("parentId"));
        put(MANAGER, growth, "\"1\"", goal("客户增长", "市场部").under(growth).weight(10))
                .statusCode(400).body("errors[0].field", equalTo("parentId"))
                .body("errors[0].message", containsString("itself"));
        put(MANAGER, newCustomers, "\"1\"", goal("新增客户数", "市场部").under(other).weight(60)).statusCode(200)
                .body("parentId", equalTo(other));
        GoalApi.children(MANAGER, growth).body("items.size()", equalTo(0));
        GoalApi.children(MANAGER, other).body("items[0].id", equalTo(newCustomers));
    }

    @Test
    void aChangedWeightCountsOnlyOnceAmongItsSiblings() {
        String parent = create(MANAGER, goal("客户增长", "市场部"));
        String a = create(MANAGER, goal("新增客户数", "市场部").under(parent).weight(60));
        create(MANAGER, goal("老客户复购率", "市场部").under(parent).weight(40));
        put(MANAGER, a, "\"1\"", goal("新增客户数", "市场部").under(parent).weight(60)).statusCode(200);
        put(MANAGER, a, "\"2\"", goal("新增客户数", "市场部").under(parent).weight(70)).statusCode(400)
                .body("errors[0].field", equalTo("weight"))
                .body("errors[0].message", containsString("110"));
    }

    @Test
    void onlyALeafCanBeDeleted() {
        String parent = create(MANAGER, goal("客户增长", "市场部"));
        String child = create(MANAGER, goal("新增客户数", "市场部").under(parent).weight(60));

        delete(MANAGER, parent).statusCode(409).contentType(containsString("application/problem+json"))
                .body("detail", containsString("1 sub-goal"));
        given().auth().oauth2(MANAGER).header("If-Match", "\"7\"").delete("/goals/" + child).then().statusCode(412);
        given().auth().oauth2(MANAGER).header("If-Match", "\"1\"").delete("/goals/" + child).then().statusCode(204);
        get(MANAGER, child).statusCode(404);
        delete(MANAGER, parent).statusCode(204);
        delete(MANAGER, parent).statusCode(404);
    }

    @Test
    void onlyADraftCanBeDeleted() throws SQLException {
        String id = create(MANAGER, goal("新增客户数", "市场部"));
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("update goal set status = 'ACTIVE' where id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            ps.executeUpdate();
        }
        delete(MANAGER, id).statusCode(409).body("detail", containsString("ACTIVE"));
        get(MANAGER, id).statusCode(200).body("status", equalTo("ACTIVE"));
    }
}
