package dev.pacer.goal.tree;

import static dev.pacer.goal.tree.GoalApi.children;
import static dev.pacer.goal.tree.GoalApi.get;
import static dev.pacer.goal.tree.NewGoal.goal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class GoalTreeApiTest {
    private static final String ADMIN = Tokens.admin();
    private static final String MARKETING = Tokens.withRole("manager", "市场部");
    private static final String SERVICE = Tokens.withRole("manager", "客户服务部");
    private static final String RND = Tokens.withRole("manager", "产品研发部");
    private static final String SALES = Tokens.withRole("manager", "销售部");
    private static final String PRODUCTION = Tokens.withRole("manager", "生产部");

    @Inject
    AgroalDataSource db;
    @Inject
    TestClock clock;

    /** Creates the goal a moment after the previous one, so that creation order is list order. */
    private String create(String token, NewGoal goal) {
        clock.advance(Duration.ofMillis(1));
        return GoalApi.create(token, goal);
    }

    @Test
    void theExampleTreeOfTheProductBriefIsBuiltByEachDepartmentAndReadBackIntact() throws SQLException {
        String annual = create(ADMIN, goal("年度目标 市场占有率提升", "总经办")
                .set("description", "年度目标：市场占有率从 12% 提升到 15%")
                .contributors("市场部", "客户服务部", "产品研发部", "销售部", "生产部")
                .measure("market_share", Map.of(), "END_OF_WINDOW").targets(12, 15, 16));

        String growth = create(MARKETING, goal("客户增长", "市场部").under(annual).weight(40).contributors("客户服务部"));
        String newCustomers = create(MARKETING, goal("新增客户数", "市场部").under(growth).weight(60).window("Q1", "Q4")
                .measure("new_customers", Map.of("department", "市场部"), "TOTAL").targets(1200, 1500, 1800));
        String repeatRate = create(SERVICE, goal("老客户复购率", "客户服务部").under(growth).weight(40).window("Q2", "Q4")
                .measure("repeat_purchase_rate", Map.of(), "AVERAGE").targets(0.30, 0.35, 0.40));

        String innovation = create(RND, goal("产品创新", "产品研发部").under(annual).weight(35).contributors("销售部"));
        String launches = create(RND, goal("新品上市数量", "产品研发部").under(innovation).weight(30).window("Q1", "Q3"));
        String rndOnTime = create(RND, goal("研发进度达标率", "产品研发部").under(innovation).weight(30).window("Q1", "Q3"));
        String newProductSales = create(SALES, goal("新品销售额", "销售部").under(innovation).weight(40).window("Q2", "Q4")
                .measure("revenue", Map.of("product_line", "新品"), "TOTAL").targets(0, 900, 1200)
                .plan("QUARTERLY_MILESTONES", 0, 200, 500, 900));

        String efficiency = create(PRODUCTION, goal("运营效率提升", "生产部").under(annual).weight(25));
        String outputPerHead = create(PRODUCTION, goal("人均产出", "生产部").under(efficiency).weight(100));
        String costDown = create(PRODUCTION, goal("生产成本下降比例", "生产部").under(outputPerHead).weight(100)
                .window("Q1", "Q4").targets(0, 5, 8).direction("HIGHER_IS_BETTER"));

        children(ADMIN, annual).statusCode(200)
                .body("items.title", contains("客户增长", "产品创新", "运营效率提升"))
                .body("items.weight", contains(40, 35, 25));
        children(ADMIN, growth).statusCode(200)
                .body("items.id", contains(newCustomers, repeatRate))
                .body("items.title", contains("新增客户数", "老客户复购率"))
                .body("items.ownerDepartment", contains("市场部", "客户服务部"))
                .body("items.window.fromQuarter", contains("Q1", "Q2"))
                .body("items.window.toQuarter", contains("Q4", "Q4"));
        children(ADMIN, innovation).statusCode(200)
                .body("items.id", contains(launches, rndOnTime, newProductSales))
                .body("items.title", contains("新品上市数量", "研发进度达标率", "新品销售额"))
                .body("items.ownerDepartment", contains("产品研发部", "产品研发部", "销售部"))
                .body("items.window.fromQuarter", contains("Q1", "Q1", "Q2"))
                .body("items.window.toQuarter", contains("Q3", "Q3", "Q4"));
        children(ADMIN, efficiency).statusCode(200).body("items.id", contains(outputPerHead));
        children(ADMIN, outputPerHead).statusCode(200)
                .body("items.title", contains("生产成本下降比例"))
                .body("items.ownerDepartment", contains("生产部"))
                .body("items.window.fromQuarter", contains("Q1"))
                .body("items.window.toQuarter", contains("Q4"));
        children(ADMIN, costDown).statusCode(200).body("items", org.hamcrest.Matchers.empty());

        get(ADMIN, annual).statusCode(200)
                .body("title", equalTo("年度目标 市场占有率提升"))
                .body("description", equalTo("年度目标：市场占有率从 12% 提升到 15%"))
                .body("parentId", nullValue())
                .body("weight", equalTo(100))
                .body("window.fromQuarter", equalTo("Q1")).body("window.toQuarter", equalTo("Q4"))
                .body("status", equalTo("DRAFT"));
        get(SALES, newProductSales).statusCode(200)
                .body("parentId", equalTo(innovation))
                .body("measure.filter.product_line", equalTo("新品"))
                .body("plan.type", equalTo("QUARTERLY_MILESTONES"))
                .body("plan.milestones", contains(0, 200, 500, 900))
                .body("createdBy", equalTo("manager"));
        get(SERVICE, repeatRate).statusCode(200)
                .body("baseTarget", equalTo(0.35f)).body("challengeTarget", equalTo(0.40f))
                .body("measure.aggregation", equalTo("AVERAGE"));

        assertThat(storedTitles(List.of(annual, growth, newCustomers, repeatRate, innovation, launches, rndOnTime,
                newProductSales, efficiency, outputPerHead, costDown)))
                .containsExactly("年度目标 市场占有率提升", "客户增长", "新增客户数", "老客户复购率", "产品创新", "新品上市数量",
                        "研发进度达标率", "新品销售额", "运营效率提升", "人均产出", "生产成本下降比例");
    }

    @Test
    void filtersCombineWithTheTreeAndEachReaderSeesOnlyTheirDepartments() {
        String annual = create(ADMIN, goal("年度目标 市场占有率提升", "总经办").contributors("市场部", "客户服务部"));
        String growth = create(MARKETING, goal("客户增长", "市场部").under(annual).weight(40).contributors("客户服务部"));
        String newCustomers = create(MARKETING, goal("新增客户数", "市场部").under(growth).weight(60));
        String repeatRate = create(SERVICE, goal("老客户复购率", "客户服务部").under(growth).weight(40).window("Q2", "Q4"));

        given().auth().oauth2(ADMIN).queryParam("parentId", growth).queryParam("department", "客户服务部")
                .get("/goals").then().statusCode(200).body("items.id", contains(repeatRate));
        given().auth().oauth2(ADMIN).queryParam("parentId", growth).queryParam("department", "市场部")
                .get("/goals").then().statusCode(200).body("items.id", contains(newCustomers));
        given().auth().oauth2(ADMIN).queryParam("root", "true").queryParam("department", "总经办")
                .queryParam("sort", "-createdAt").queryParam("limit", 500)
                .get("/goals").then().statusCode(200)
                .body("items.id", hasItem(annual))
                .body("items.parentId", everyItem(nullValue()));

        // 客户服务部 contributes to 客户增长, so it reads it, but not marketing's own sub-goal below it
        String serviceViewer = Tokens.withRole("viewer", "客户服务部");
        get(serviceViewer, growth).statusCode(200).body("title", equalTo("客户增长"));
        children(serviceViewer, growth).statusCode(200).body("items.id", contains(repeatRate));
        given().auth().oauth2(serviceViewer).queryParam("department", "市场部").queryParam("sort", "-createdAt")
                .queryParam("limit", 500).get("/goals").then().statusCode(200)
                .body("items.id", hasItem(growth))
                .body("items.id", org.hamcrest.Matchers.not(hasItem(newCustomers)));
    }

    @Test
    void listsFilterByDepartmentPeriodAndRoot() {
        String dept = GoalApi.uniqueDepartment("财务部");
        String other = GoalApi.uniqueDepartment("人事部");
        String year = create(ADMIN, goal("全年预算达成", dept));
        String quarter = create(ADMIN, goal("二季度回款", dept).period("FY2026-Q2"));
        String nextYear = create(ADMIN, goal("下年度预算", dept).period("FY2027"));
        String child = create(ADMIN, goal("费用控制", dept).under(year).weight(50).window("Q3", "Q4"));
        String contributed = create(ADMIN, goal("人力成本", other).contributors(dept));

        given().auth().oauth2(ADMIN).queryParam("department", dept).get("/goals").then().statusCode(200)
                .body("items.id", contains(year, quarter, nextYear, child, contributed));
        given().auth().oauth2(ADMIN).queryParam("department", dept).queryParam("period", "FY2026")
                .get("/goals").then().statusCode(200).body("items.id", contains(year, quarter, child, contributed));
        given().auth().oauth2(ADMIN).queryParam("department", dept).queryParam("period", "FY2026-Q2")
                .get("/goals").then().statusCode(200).body("items.id", contains(quarter))
                .body("items[0].period", equalTo("FY2026-Q2"))
                .body("items[0].window.fromQuarter", equalTo("Q2"));
        given().auth().oauth2(ADMIN).queryParam("department", dept).queryParam("period", "FY2027")
                .get("/goals").then().statusCode(200).body("items.id", contains(nextYear));
        given().auth().oauth2(ADMIN).queryParam("department", dept).queryParam("root", "true")
                .get("/goals").then().statusCode(200).body("items.id", contains(year, quarter, nextYear, contributed));
        given().auth().oauth2(ADMIN).queryParam("department", dept).queryParam("root", "false")
                .get("/goals").then().statusCode(200).body("items.id", contains(child));

        String viewer = Tokens.withRole("viewer", other);
        given().auth().oauth2(viewer).get("/goals?sort=-createdAt&limit=500").then().statusCode(200)
                .body("items.id", hasItem(contributed))
                .body("items.id", org.hamcrest.Matchers.not(hasItem(year)));
    }

    @Test
    void listsArePagedWithACursorInTheChosenOrder() {
        String dept = GoalApi.uniqueDepartment("品质部");
        List<String> created = new ArrayList<>();
        for (String title : List.of("C 质量", "A 质量", "B 质量", "E 质量", "D 质量")) {
            created.add(create(ADMIN, goal(title, dept)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(ADMIN).queryParam("department", dept).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/goals").then().statusCode(200).extract();
            List<String> ids = page.path("items.id");
            assertThat(ids).hasSizeLessThanOrEqualTo(2);
            seen.addAll(ids);
            cursor = page.path("next");
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(created);

        List<String> byTitle = given().auth().oauth2(ADMIN).queryParam("department", dept).queryParam("sort", "title")
                .get("/goals").then().statusCode(200).extract().path("items.title");
        assertThat(byTitle).containsExactly("A 质量", "B 质量", "C 质量", "D 质量", "E 质量");
        String next = given().auth().oauth2(ADMIN).queryParam("department", dept).queryParam("sort", "-title")
                .queryParam("limit", 3).get("/goals").then().statusCode(200)
                .body("items.title", contains(byTitle.get(4), byTitle.get(3), byTitle.get(2)))
                .extract().path("next");
        given().auth().oauth2(ADMIN).queryParam("department", dept).queryParam("sort", "-title")
                .queryParam("limit", 3).queryParam("cursor", next).get("/goals").then().statusCode(200)
                .body("items.title", contains(byTitle.get(1), byTitle.get(0)))
                .body("next", nullValue());
        given().auth().oauth2(ADMIN).queryParam("department", dept).queryParam("sort", "title")
                .queryParam("cursor", next).get("/goals").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"))
                .body("errors[0].message", containsString("-title"));
    }

    @Test
    void anUnknownGoalIs404() {
        get(ADMIN, UUID.randomUUID().toString()).statusCode(404)
                .contentType(containsString("application/problem+json"));
        get(ADMIN, "not-a-goal-id").statusCode(404).contentType(containsString("application/problem+json"));
        children(ADMIN, UUID.randomUUID().toString()).statusCode(404);
    }

    private List<String> storedTitles(List<String> ids) throws SQLException {
        List<String> titles = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select title from goal where id = ?")) {
            for (String id : ids) {
                ps.setObject(1, UUID.fromString(id));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    titles.add(rs.getString(1));
                }
            }
        }
        return titles;
    }
}
