package dev.pacer.goal.tree;

import static dev.pacer.goal.tree.GoalApi.children;
import static dev.pacer.goal.tree.GoalApi.create;
import static dev.pacer.goal.tree.GoalApi.delete;
import static dev.pacer.goal.tree.GoalApi.get;
import static dev.pacer.goal.tree.GoalApi.post;
import static dev.pacer.goal.tree.GoalApi.put;
import static dev.pacer.goal.tree.NewGoal.goal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roles and departments (architecture §5): who may read and change which goals. */
@QuarkusTest
@PacerTestStack
class GoalAccessApiTest {
    private static final String ADMIN = Tokens.admin();

    private String marketing;
    private String sales;
    private String marketingManager;
    private String salesManager;
    private String marketingGoal;

    @BeforeEach
    void aMarketingGoal() {
        marketing = GoalApi.uniqueDepartment("市场部");
        sales = GoalApi.uniqueDepartment("销售部");
        marketingManager = Tokens.withRole("manager", marketing);
        salesManager = Tokens.withRole("manager", sales);
        marketingGoal = create(marketingManager, goal("客户增长", marketing));
    }

    private static ValidatableResponse forbidden(ValidatableResponse response) {
        return response.statusCode(403).contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://pacer.dev/problems/forbidden"));
    }

    private void isUnchanged() {
        get(ADMIN, marketingGoal).statusCode(200).body("version", equalTo(1)).body("title", equalTo("客户增长"));
    }

    @Test
    void everyEndpointNeedsAToken() {
        given().contentType("application/json").body(goal("x", marketing).json()).post("/goals").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        given().get("/goals").then().statusCode(401);
        given().get("/goals/" + marketingGoal).then().statusCode(401);
        given().get("/goals/" + marketingGoal + "/children").then().statusCode(401);
        given().contentType("application/json").header("If-Match", "\"1\"").body(goal("x", marketing).json())
                .put("/goals/" + marketingGoal).then().statusCode(401);
        given().delete("/goals/" + marketingGoal).then().statusCode(401);
        given().auth().oauth2("not.a.token").get("/goals").then().statusCode(401);
        isUnchanged();
    }

    @Test
    void rolesWithoutGoalsAreRefusedEvenInTheirDepartment() {
        for (String role : new String[] {"steward", "integration"}) {
            String token = Tokens.withRole(role, marketing);
            forbidden(given().auth().oauth2(token).get("/goals").then());
            forbidden(get(token, marketingGoal));
            forbidden(children(token, marketingGoal));
            forbidden(post(token, goal("x", marketing)));
        }
    }

    @Test
    void membersAndViewersReadButDoNotWrite() {
        for (String role : new String[] {"member", "viewer"}) {
            String token = Tokens.withRole(role, marketing);
            get(token, marketingGoal).statusCode(200);
            children(token, marketingGoal).statusCode(200);
            forbidden(post(token, goal("x", marketing)));
            forbidden(put(token, marketingGoal, "\"1\"", goal("改名", marketing)));
            forbidden(delete(token, marketingGoal));
        }
        isUnchanged();
    }

    @Test
    void aManagerCreatesGoalsOnlyForTheirOwnDepartments() {
        forbidden(post(salesManager, goal("客户增长", marketing)))
                .body("detail", containsString(sales));
        String both = Tokens.withRole("manager", marketing, sales);
        create(both, goal("新品销售额", sales));
        create(both, goal("新增客户数", marketing));
    }

    @Test
    void aManagerCreatesSubGoalsOnlyUnderGoalsTheyCanSee() {
        forbidden(post(salesManager, goal("新品销售额", sales).under(marketingGoal).weight(20)))
                .body("detail", containsString("parent"));
        String contributed = create(ADMIN, goal("产品创新", GoalApi.uniqueDepartment("产品研发部")).contributors(sales));
        create(salesManager, goal("新品销售额", sales).under(contributed).weight(40));
    }

    @Test
    void anotherDepartmentsGoalIs403ForGet() {
        forbidden(get(salesManager, marketingGoal)).body("detail", not(containsString(marketing)));
        forbidden(get(Tokens.withRole("viewer", sales), marketingGoal));
        get(ADMIN, marketingGoal).statusCode(200);
    }

    @Test
    void anotherDepartmentsGoalIs403ForChildren() {
        create(marketingManager, goal("新增客户数", marketing).under(marketingGoal).weight(60));
        forbidden(children(salesManager, marketingGoal));
        forbidden(children(Tokens.withRole("member", sales), marketingGoal));
        children(marketingManager, marketingGoal).statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void anotherDepartmentsGoalIs403ForPut() {
        forbidden(put(salesManager, marketingGoal, "\"1\"", goal("改名", marketing)));
        forbidden(put(salesManager, marketingGoal, "\"1\"", goal("改名", sales)));
        isUnchanged();
    }

    @Test
    void anotherDepartmentsGoalIs403ForDelete() {
        forbidden(delete(salesManager, marketingGoal));
        isUnchanged();
    }

    @Test
    void aContributingManagerReadsButDoesNotChangeTheGoal() {
        String shared = create(marketingManager, goal("客户增长", marketing).contributors(sales));
        get(salesManager, shared).statusCode(200);
        forbidden(put(salesManager, shared, "\"1\"", goal("改名", marketing).contributors(sales)))
                .body("detail", containsString(marketing));
        forbidden(delete(salesManager, shared));
        get(ADMIN, shared).statusCode(200).body("version", equalTo(1));
    }

    @Test
    void aManagerCannotHandTheirGoalToAnotherDepartment() {
        forbidden(put(marketingManager, marketingGoal, "\"1\"", goal("客户增长", sales)));
        isUnchanged();
        put(ADMIN, marketingGoal, "\"1\"", goal("客户增长", sales)).statusCode(200).body("ownerDepartment", equalTo(sales));
    }

    @Test
    void listsShowOnlyTheCallersDepartments() {
        String salesGoal = create(salesManager, goal("新品销售额", sales));
        given().auth().oauth2(Tokens.withRole("viewer", sales)).queryParam("department", marketing).get("/goals")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(Tokens.withRole("viewer", sales)).queryParam("department", sales).get("/goals")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.contains(salesGoal));
        given().auth().oauth2(Tokens.withRole("viewer")).get("/goals")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }
}
