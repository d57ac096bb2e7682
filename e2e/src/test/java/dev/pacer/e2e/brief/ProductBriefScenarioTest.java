package dev.pacer.e2e.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.e2e.fixture.Orders;
import dev.pacer.e2e.system.Api;
import dev.pacer.e2e.system.Eventually;
import dev.pacer.e2e.system.PacerSystem;
import dev.pacer.e2e.system.Service;
import dev.pacer.e2e.system.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product brief's loop, end to end over the real processes: a steward defines the order lines and two certified
 * metrics; the annual objective 市场占有率提升 is broken down into owned, measured goals and activated; an alert rule
 * and a signed webhook channel wait for the 市场部 goal; order lines arrive by REST push and by CSV upload; the goal's
 * progress shows it far behind its plan (off track) with the roll-up reaching the top objective; the alert reaches
 * the owner's webhook with a valid signature, and the owner acknowledges it; the month's review shows the laggard.
 */
class ProductBriefScenarioTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String MARKETING = "市场部";
    private static final String SALES = "销售部";
    private static final String RND = "产品研发部";
    private static PacerSystem system;
    private static Api api;
    private static Orders orders;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        system = PacerSystem.shared();
        api = new Api(system);
        orders = new Orders(api);
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    private static RequestSpecification admin(Service service) {
        return api.admin(service);
    }

    private static RequestSpecification manager(Service service, String department) {
        return api.as(service, "owner-" + department, Set.of("manager"), Set.of(department));
    }

    @Test
    void dataFromAnErpBecomesAnOffPaceGoalAndAnAlertAtItsOwnersWebhook() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String dataset = "brief_orders_" + s;
        String newCustomers = "new_customers_" + s;
        String revenue = "revenue_" + s;

        // 1. the certified definitions
        orders.defineDataset(dataset);
        orders.defineNewCustomers(newCustomers, dataset);
        orders.defineMetric(revenue, dataset, "SUM", "unit_price * quantity", "USD", null);
        orders.certify(newCustomers);
        orders.certify(revenue);

        // 2. the brief's goal tree, owned and measured
        String top = createGoal(goal("市场占有率提升", MARKETING, null, null)
                .with("description", "年度目标：提升市场占有率"));
        String growth = createGoal(goal("客户增长", MARKETING, top, 50)
                .with("description", "以新客户带动增长"));
        String customers = createGoal(goal("新增客户数", MARKETING, growth, 100)
                .with("description", "首单落在 2026 财年的客户数")
                .with("window", Map.of("fromQuarter", "Q1", "toQuarter", "Q4"))
                .with("measure", Map.of("metricKey", newCustomers, "filter", Map.of(), "aggregation", "TOTAL"))
                .with("baseline", 0).with("baseTarget", 1000).with("challengeTarget", 1200)
                .with("plan", Map.of("type", "LINEAR")));
        String innovation = createGoal(goal("产品创新", RND, top, 50).with("description", "新品上市与销售"));
        String newProductSales = createGoal(goal("新品销售额", SALES, innovation, 100)
                .with("description", "新品的销售收入，按下单日期计")
                .with("window", Map.of("fromQuarter", "Q2", "toQuarter", "Q4"))
                .with("measure", Map.of("metricKey", revenue, "filter", Map.of(), "aggregation", "TOTAL"))
                .with("baseline", 0).with("baseTarget", 20000).with("challengeTarget", 25000)
                .with("plan", Map.of("type", "LINEAR")));
        for (String id : List.of(customers, newProductSales, growth, innovation, top)) {
            // goal-service learns the metrics' certification from pacer.catalog: SMART may need a moment
            Eventually.assertThat(WAIT, () -> admin(Service.GOAL).post("/goals/{id}/activate", id)
                    .then().statusCode(200));
        }

        // 3. who is told: a signed webhook for the 市场部 goal's critical alerts, and the rule
        String secret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        admin(Service.ALERT).body(Map.of("name", "市场部值班", "url", receiver.url(), "secret", secret,
                        "departments", List.of(MARKETING), "severities", List.of("CRITICAL"), "groupWait", "PT0S"))
                .post("/channels").then().statusCode(201);
        admin(Service.ALERT).body(Map.of("name", "新增客户数落后", "kind", "GOAL_PACE",
                        "parameters", Map.of("worseThan", "AT_RISK"),
                        "scope", Map.of("type", "GOAL", "key", customers),
                        "departments", List.of(MARKETING), "severity", "CRITICAL", "pendingFor", "PT0S"))
                .post("/rules").then().statusCode(201);

        // 4. the ERP's order lines: two thirds pushed over REST, one third uploaded as CSV
        List<Map<String, Object>> lines = new ArrayList<>();
        Set<String> customersSeen = new LinkedHashSet<>();
        BigDecimal revenueQ2toQ4 = BigDecimal.ZERO;
        for (int i = 0; i < 240; i++) {
            LocalDate day = LocalDate.of(2026, 1, 5).plusDays(i * 320L / 240);
            String customer = "C" + (i % 60);
            BigDecimal unitPrice = new BigDecimal(20 + i % 13).add(new BigDecimal("0.50"));
            int quantity = 1 + i % 5;
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("order_id", String.valueOf(50_000 + i));
            line.put("product_id", String.valueOf(1 + i % 7));
            line.put("customer_id", customer);
            line.put("order_date", day.toString());
            line.put("quantity", quantity);
            line.put("unit_price", unitPrice);
            lines.add(line);
            customersSeen.add(customer);
            if (!day.isBefore(LocalDate.of(2026, 4, 1))) {
                revenueQ2toQ4 = revenueQ2toQ4.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
            }
        }
        orders.push(dataset, lines.subList(0, 160), 80);
        upload(dataset, lines.subList(160, lines.size()));

        // 5. progress: far behind a linear plan towards 1,000 new customers
        BigDecimal expectedRevenue = revenueQ2toQ4;
        JsonPath progress = Eventually.get(WAIT, () -> {
            JsonPath p = admin(Service.GOAL).get("/goals/{id}/progress", customers).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(p.getString("measured.actual")).isNotNull();
            assertThat(new BigDecimal(p.getString("measured.actual"))).isEqualByComparingTo(
                    BigDecimal.valueOf(customersSeen.size()));
            return p;
        });
        assertThat(progress.getString("status")).isEqualTo("OFF_TRACK");
        Eventually.assertThat(WAIT, () -> {
            JsonPath p = admin(Service.GOAL).get("/goals/{id}/progress", newProductSales).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(new BigDecimal(p.getString("measured.actual"))).isEqualByComparingTo(expectedRevenue);
        });
        Eventually.assertThat(WAIT, () -> {
            JsonPath p = admin(Service.GOAL).get("/goals/{id}/progress", top).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(p.getString("rollUp")).as("the roll-up reaches the annual objective").isNotNull();
            assertThat(p.getString("status")).isNotEqualTo("NO_DATA");
        });

        // 6. the alert at the owner's webhook, signed; visible to the owner department, acknowledged by its manager
        WebhookReceiver.Call call = Eventually.get(WAIT, () -> {
            assertThat(receiver.delivered()).isNotEmpty();
            return receiver.delivered().get(0);
        });
        assertThat(WebhookReceiver.signatureValid(call, secret)).as(call.signature()).isTrue();
        assertThat(WebhookReceiver.signatureValid(call, secret + "x")).isFalse();
        assertThat(call.body()).contains(customers).contains("新增客户数");

        JsonPath alerts = manager(Service.ALERT, MARKETING).get("/alerts").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> items = alerts.getList("items");
        Map<String, Object> alert = items.stream()
                .filter(a -> a.toString().contains(customers)).findFirst().orElseThrow(() ->
                        new AssertionError("no alert about goal " + customers + " in " + alerts.prettify()));
        assertThat(alert.get("state")).isEqualTo("FIRING");
        String alertId = (String) alert.get("id");
        manager(Service.ALERT, "客户服务部").get("/alerts/{id}", alertId).then().statusCode(403);
        manager(Service.ALERT, MARKETING).body(Map.of("note", "已安排地推活动补量"))
                .post("/alerts/{id}/acknowledge", alertId).then().statusCode(200);
        JsonPath acknowledged = manager(Service.ALERT, MARKETING).get("/alerts/{id}", alertId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(acknowledged.prettify()).contains("owner-" + MARKETING).contains("已安排地推活动补量");

        // 7. the month's review (复盘) of 市场部: the laggard is there, with an action item for its owner
        String month = LocalDate.now(java.time.ZoneOffset.UTC).toString().substring(0, 7);
        String review = manager(Service.GOAL, MARKETING).body(Map.of("period", month, "department", MARKETING))
                .post("/reviews").then().statusCode(201).extract().path("id");
        manager(Service.GOAL, MARKETING).body(Map.of("title", "新客户地推活动", "owner", "owner-" + MARKETING,
                        "dueDate", LocalDate.now(java.time.ZoneOffset.UTC).plusDays(14).toString()))
                .post("/reviews/{id}/actions", review).then().statusCode(201);
        String markdown = manager(Service.GOAL, MARKETING).accept("text/markdown").get("/reviews/{id}", review)
                .then().statusCode(200).extract().asString();
        assertThat(markdown).contains("新增客户数").contains("OFF_TRACK").contains("新客户地推活动");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static final class GoalBody extends HashMap<String, Object> {
        GoalBody with(String field, Object value) {
            put(field, value);
            return this;
        }
    }

    private static GoalBody goal(String title, String department, String parent, Integer weight) {
        GoalBody body = new GoalBody();
        body.put("title", title);
        body.put("ownerDepartment", department);
        body.put("ownerPerson", "owner-" + department);
        body.put("period", "FY2026");
        if (parent != null) {
            body.put("parentId", parent);
        }
        if (weight != null) {
            body.put("weight", weight);
        }
        return body;
    }

    private static String createGoal(Map<String, Object> body) {
        return admin(Service.GOAL).body(body).post("/goals").then().statusCode(201).extract().path("id");
    }

    /** Uploads the lines as a CSV file (UTF-8 with a BOM, as Excel saves it) and waits for the job to finish. */
    private static void upload(String dataset, List<Map<String, Object>> lines) {
        StringBuilder csv = new StringBuilder("\uFEFForder_id,product_id,customer_id,order_date,quantity,unit_price\r\n");
        for (Map<String, Object> l : lines) {
            csv.append(l.get("order_id")).append(',').append(l.get("product_id")).append(',')
                    .append(l.get("customer_id")).append(',').append(l.get("order_date")).append(',')
                    .append(l.get("quantity")).append(',').append(l.get("unit_price")).append("\r\n");
        }
        String id = Eventually.get(WAIT, () -> api.integration(Service.INGEST).contentType("text/csv")
                .queryParam("dataset", dataset).body(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/uploads").then().statusCode(202).extract().path("id"));
        Eventually.assertThat(WAIT, () -> {
            JsonPath job = api.integration(Service.INGEST).get("/uploads/{id}", id).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(job.getInt("rowsSucceeded")).isEqualTo(lines.size());
            assertThat(job.getInt("rowsFailed")).isZero();
        });
    }
}
