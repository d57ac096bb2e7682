package dev.pacer.goal.tree;

import static dev.pacer.goal.tree.GoalApi.create;
import static dev.pacer.goal.tree.GoalApi.post;
import static dev.pacer.goal.tree.NewGoal.goal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class GoalValidationApiTest {
    private static final String ADMIN = Tokens.admin();

    /** Expects a 400 validation problem whose only invalid field is {@code field}. */
    private static ValidatableResponse rejects(NewGoal goal, String field) {
        return post(ADMIN, goal).statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://pacer.dev/problems/validation"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void missingRequiredFieldsAreEachNamed() {
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("description", "没有标题"))
                .post("/goals").then().statusCode(400)
                .body("errors.field", hasItems("title", "ownerDepartment", "period"));
        rejects(goal(" ", "市场部"), "title");
    }

    @Test
    void aPeriodIsAFiscalYearOrAQuarter() {
        rejects(goal("x", "市场部").period("2026"), "period").body("errors[0].message", containsString("FY2026"));
        rejects(goal("x", "市场部").period("FY2026-Q5"), "period");
    }

    @Test
    void aWindowIsOrderedAndInsideThePeriod() {
        rejects(goal("x", "市场部").window("Q4", "Q2"), "window");
        rejects(goal("x", "市场部").period("FY2026-Q3").window("Q2", "Q4"), "window")
                .body("errors[0].message", containsString("FY2026-Q3"));
        rejects(goal("x", "市场部").window("Q5", "Q4"), "window.fromQuarter")
                .body("errors[0].message", containsString("Q1"));
        rejects(goal("x", "市场部").set("window", Map.of("fromQuarter", "Q1")), "window.toQuarter");
    }

    @Test
    void aWeightIsADecimalFromZeroToOneHundred() {
        rejects(goal("x", "市场部").weight(150), "weight");
        rejects(goal("x", "市场部").weight(-1), "weight");
        rejects(goal("x", "市场部").weight(33.333), "weight");
        rejects(goal("x", "市场部").weight("heavy"), "weight").body("errors[0].message", containsString("number"));
    }

    @Test
    void aMeasureNamesAMetricAndHowItAggregates() {
        rejects(goal("x", "市场部").measure("New Customers", Map.of(), "TOTAL"), "measure.metricKey");
        rejects(goal("x", "市场部").measure("new_customers", Map.of(), "SUM"), "measure.aggregation")
                .body("errors[0].message", containsString("END_OF_WINDOW"));
        rejects(goal("x", "市场部").set("measure", Map.of("metricKey", "new_customers")), "measure.aggregation");
        rejects(goal("x", "市场部").measure("new_customers", Map.of("department", " "), "TOTAL"),
                "measure.filter[department]");
    }

    @Test
    void targetsFollowTheGoalsDirection() {
        rejects(goal("x", "市场部").targets(100, 120, 110), "challengeTarget")
                .body("errors[0].message", containsString("above"));
        rejects(goal("x", "生产部").direction("LOWER_IS_BETTER").targets(10, 8, 9), "challengeTarget")
                .body("errors[0].message", containsString("below"));
        rejects(goal("x", "市场部").targets(null, null, 10), "baseTarget");
        rejects(goal("x", "市场部").direction("UP"), "direction");
        rejects(goal("x", "市场部").targets("lots", null, null), "baseline");
    }

    @Test
    void aPlanHasItsMilestonesOnlyWhenItIsQuarterly() {
        rejects(goal("x", "市场部").plan("QUARTERLY_MILESTONES", 1, 2, 3), "plan.milestones");
        rejects(goal("x", "市场部").plan("LINEAR", 1, 2, 3, 4), "plan.milestones");
        rejects(goal("x", "市场部").plan("SEASONAL"), "plan.type");
        rejects(goal("x", "市场部").plan("WEEKLY"), "plan.type");
        rejects(goal("x", "市场部").set("plan", Map.of("type", "QUARTERLY_MILESTONES",
                "milestones", Arrays.asList(1, null, 3, 4))), "plan.milestones[1]");
    }

    @Test
    void contributorsAreOtherDepartmentsEachNamedOnce() {
        rejects(goal("x", "市场部").contributors("销售部", "销售部"), "contributingDepartments[1]");
        rejects(goal("x", "市场部").contributors("市场部"), "contributingDepartments[0]");
        rejects(goal("x", "市场部").contributors("销售部", ""), "contributingDepartments[1]");
    }

    @Test
    void unknownFieldsAndMalformedJsonAreRefused() {
        rejects(goal("x", "市场部").set("owner", "市场部"), "owner");
        given().auth().oauth2(ADMIN).contentType("application/json").body("{\"title\": \"年度目标\",")
                .post("/goals").then().statusCode(400)
                .body("type", equalTo("https://pacer.dev/problems/malformed-json"));
    }

    @Test
    void aParentMustExist() {
        rejects(goal("x", "市场部").under(UUID.randomUUID()).weight(10), "parentId")
                .body("errors[0].message", containsString("no goal"));
        rejects(goal("x", "市场部").set("parentId", "not-an-id").weight(10), "parentId");
    }

    @Test
    void aSubGoalLiesInsideItsParentAndNamesItsWeight() {
        String parent = create(ADMIN, goal("客户增长", "市场部").window("Q2", "Q4"));
        rejects(goal("新增客户数", "市场部").under(parent).window("Q2", "Q4"), "weight")
                .body("errors[0].message", containsString("sub-goal"));
        rejects(goal("新增客户数", "市场部").under(parent).weight(50).window("Q1", "Q4"), "window")
                .body("errors[0].message", containsString("客户增长"));
        rejects(goal("新增客户数", "市场部").under(parent).weight(50).period("FY2027").window("Q2", "Q4"), "period")
                .body("errors[0].message", containsString("FY2026"));
        rejects(goal("新增客户数", "市场部").under(parent).weight(50).period("FY2026-Q1"), "period");
        create(ADMIN, goal("三季度冲刺", "市场部").under(parent).weight(30).period("FY2026-Q3"));
    }

    @Test
    void theSubGoalsOfAParentWeighAtMostOneHundred() {
        String parent = create(ADMIN, goal("产品创新", "产品研发部"));
        create(ADMIN, goal("新品上市数量", "产品研发部").under(parent).weight(60));
        create(ADMIN, goal("研发进度达标率", "产品研发部").under(parent).weight(30));
        rejects(goal("新品销售额", "销售部").under(parent).weight(10.5), "weight")
                .body("errors[0].message", containsString("100.5"));
        create(ADMIN, goal("新品销售额", "销售部").under(parent).weight(10));
        GoalApi.children(ADMIN, parent).body("items.size()", equalTo(3));
    }

    @Test
    void badListParametersAreNamed() {
        for (String[] bad : new String[][] {{"period", "2026"}, {"root", "maybe"}, {"parentId", "x"},
            {"sort", "weight"}, {"limit", "0"}, {"limit", "501"}, {"cursor", "%%%"}}) {
            given().auth().oauth2(ADMIN).queryParam(bad[0], bad[1]).get("/goals").then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("errors[0].field", equalTo(bad[0]));
        }
        given().auth().oauth2(ADMIN).queryParam("root", "true").queryParam("parentId", UUID.randomUUID().toString())
                .get("/goals").then().statusCode(400).body("errors[0].field", equalTo("root"));
    }
}
