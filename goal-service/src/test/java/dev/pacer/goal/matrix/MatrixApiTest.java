package dev.pacer.goal.matrix;

import static dev.pacer.goal.tree.NewGoal.goal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.goal.tree.GoalApi;
import dev.pacer.goal.tree.NewGoal;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The product brief's example tree, created through the API, and its responsibility matrix. */
@QuarkusTest
@PacerTestStack
class MatrixApiTest {
    private String office;
    private String marketing;
    private String service;
    private String research;
    private String sales;
    private String production;
    private String token;

    @Inject
    TestClock clock;

    /** Creates the goal a moment after the previous one, so that creation order is the siblings' order. */
    private String create(String token, NewGoal goal) {
        clock.advance(Duration.ofMillis(1));
        return GoalApi.create(token, goal);
    }

    @BeforeEach
    void createTheExampleTree() {
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        office = "总经办" + suffix;
        marketing = "市场部" + suffix;
        service = "客户服务部" + suffix;
        research = "产品研发部" + suffix;
        sales = "销售部" + suffix;
        production = "生产部" + suffix;
        token = Tokens.token("planner", Set.of("manager"),
                Set.of(office, marketing, service, research, sales, production));

        String annual = create(token, goal("年度目标 市场占有率提升", office).description("市场占有率从 12% 提升到 15%"));
        String growth = create(token, goal("客户增长", marketing).under(annual).weight(40).contributors(service));
        create(token, goal("新增客户数", marketing).under(growth).weight(60).window("Q1", "Q4"));
        create(token, goal("老客户复购率", service).under(growth).weight(40).window("Q2", "Q4"));
        String innovation = create(token, goal("产品创新", research).under(annual).weight(35).contributors(sales));
        create(token, goal("新品上市数量", research).under(innovation).weight(30).window("Q1", "Q3"));
        create(token, goal("研发进度达标率", research).under(innovation).weight(30).window("Q1", "Q3"));
        create(token, goal("新品销售额", sales).under(innovation).weight(40).window("Q2", "Q4"));
        String efficiency = create(token, goal("运营效率提升", production).under(annual).weight(25));
        String output = create(token, goal("人均产出", production).under(efficiency).weight(100));
        create(token, goal("生产成本下降比例", production).under(output).weight(100).window("Q1", "Q4"));
    }

    private List<String> rows(Response json) {
        return json.then().statusCode(200).extract().jsonPath().getList("rows", java.util.Map.class).stream()
                .map(r -> r.get("title") + "|" + r.get("department") + "|" + r.get("role") + "|" + r.get("window")
                        + "|" + r.get("level"))
                .toList();
    }

    @Test
    void theMatrixListsTheExampleTreesOwnersAndWindowsInTreeOrder() {
        Response response = given().auth().oauth2(token).queryParam("period", "FY2026").get("/matrix");
        assertThat(rows(response)).containsExactly(
                "年度目标 市场占有率提升|" + office + "|OWNER|Q1–Q4|0",
                "客户增长|" + marketing + "|OWNER|Q1–Q4|1",
                "客户增长|" + service + "|CONTRIBUTOR|Q1–Q4|1",
                "新增客户数|" + marketing + "|OWNER|Q1–Q4|2",
                "老客户复购率|" + service + "|OWNER|Q2–Q4|2",
                "产品创新|" + research + "|OWNER|Q1–Q4|1",
                "产品创新|" + sales + "|CONTRIBUTOR|Q1–Q4|1",
                "新品上市数量|" + research + "|OWNER|Q1–Q3|2",
                "研发进度达标率|" + research + "|OWNER|Q1–Q3|2",
                "新品销售额|" + sales + "|OWNER|Q2–Q4|2",
                "运营效率提升|" + production + "|OWNER|Q1–Q4|1",
                "人均产出|" + production + "|OWNER|Q1–Q4|2",
                "生产成本下降比例|" + production + "|OWNER|Q1–Q4|3");
    }

    @Test
    void whatADepartmentOwnsOrContributesToInAQuarter() {
        assertThat(rows(given().auth().oauth2(token).queryParam("period", "FY2026").queryParam("department", research)
                .queryParam("quarter", "Q3").get("/matrix")))
                .containsExactly("产品创新|" + research + "|OWNER|Q1–Q4|1", "新品上市数量|" + research + "|OWNER|Q1–Q3|2",
                        "研发进度达标率|" + research + "|OWNER|Q1–Q3|2");
        assertThat(rows(given().auth().oauth2(token).queryParam("period", "FY2026").queryParam("department", research)
                .queryParam("quarter", "Q4").get("/matrix"))).containsExactly("产品创新|" + research + "|OWNER|Q1–Q4|1");
        assertThat(rows(given().auth().oauth2(token).queryParam("period", "FY2026-Q1").queryParam("department", service)
                .get("/matrix"))).containsExactly("客户增长|" + service + "|CONTRIBUTOR|Q1–Q4|1");
        assertThat(rows(given().auth().oauth2(token).queryParam("period", "FY2026").queryParam("department", sales)
                .queryParam("quarter", "Q3").get("/matrix"))).containsExactly("产品创新|" + sales + "|CONTRIBUTOR|Q1–Q4|1",
                "新品销售额|" + sales + "|OWNER|Q2–Q4|2");
        assertThat(rows(given().auth().oauth2(token).queryParam("period", "FY2026").queryParam("department", sales)
                .queryParam("quarter", "Q1").get("/matrix"))).containsExactly("产品创新|" + sales + "|CONTRIBUTOR|Q1–Q4|1");
    }

    @Test
    void theCsvExportIsUtf8WithAByteOrderMarkAndKeepsChineseTitles() {
        byte[] body = given().auth().oauth2(token).accept("text/csv").queryParam("period", "FY2026")
                .queryParam("department", service).get("/matrix").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("matrix-FY2026.csv"))
                .extract().asByteArray();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String[] lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo("goal_id,parent_id,level,title,department,role,owner_person,period,window,"
                + "from_quarter,to_quarter,status");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains(",1,客户增长," + service + ",CONTRIBUTOR,,FY2026,Q1–Q4,Q1,Q4,DRAFT");
        assertThat(lines[2]).contains(",2,老客户复购率," + service + ",OWNER,,FY2026,Q2–Q4,Q2,Q4,DRAFT");
    }

    @Test
    void otherDepartmentsSeeNoneOfItAndBadParametersNameTheField() {
        String outsider = Tokens.withRole("viewer", "外部-" + UUID.randomUUID());
        assertThat(rows(given().auth().oauth2(outsider).queryParam("period", "FY2026").get("/matrix"))).isEmpty();
        given().auth().oauth2(token).get("/matrix").then().statusCode(400).body("errors[0].field",
                org.hamcrest.Matchers.equalTo("period"));
        given().auth().oauth2(token).queryParam("period", "2026").get("/matrix").then().statusCode(400);
        given().auth().oauth2(token).queryParam("period", "FY2026").queryParam("quarter", "Q5").get("/matrix").then()
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("quarter"));
        given().auth().oauth2(token).queryParam("period", "FY2026-Q1").queryParam("quarter", "Q2").get("/matrix")
                .then().statusCode(400);
        given().queryParam("period", "FY2026").get("/matrix").then().statusCode(401);
    }
}
