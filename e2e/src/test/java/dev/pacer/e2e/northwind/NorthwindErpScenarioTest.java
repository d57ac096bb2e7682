package dev.pacer.e2e.northwind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.e2e.system.Api;
import dev.pacer.e2e.system.Eventually;
import dev.pacer.e2e.system.PacerSystem;
import dev.pacer.e2e.system.Service;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Northwind as the ERP: its PostgreSQL database is pulled by ingest-service's JDBC connector, metric-service
 * computes revenue, order count and new customers, goal-service tracks the 1997 goals of the sales department.
 * Every number is asserted against SQL run by this test over the Northwind database itself.
 */
class NorthwindErpScenarioTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final Path DUMP = PacerSystem.sharedDataset("northwind/northwind.sql");
    /** Order lines with money read as decimals (the columns are float4): the trap the dataset notes warn of. */
    private static final String ORDER_LINES = """
            select o.order_id, d.product_id, o.customer_id, o.order_date, o.ship_country,
                   cast(d.unit_price as numeric) as unit_price, d.quantity, cast(d.discount as numeric) as discount
              from orders o join order_details d on d.order_id = o.order_id""";
    private static final String SALES = "sales";
    private static String northwind;
    private static Api api;

    @BeforeAll
    static void loadNorthwind() throws IOException {
        api = new Api(PacerSystem.shared());
        northwind = "northwind_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        executeOn("postgres", "create database " + northwind);
        executeOn(northwind, Files.readString(DUMP, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void dropNorthwind() {
        if (northwind != null) {
            executeOn("postgres", "drop database if exists " + northwind + " with (force)");
        }
    }

    private static RequestSpecification steward() {
        return api.steward(Service.METRIC, SALES);
    }

    @Test
    void northwindPulledOverJdbcGivesTheSqlNumbersAndThe1997GoalsTheirAttainment() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String dataset = "nw_lines_" + s;
        String revenue = "nw_revenue_" + s;
        String orderCount = "nw_orders_" + s;
        String newCustomers = "nw_new_customers_" + s;

        defineDataset(dataset);
        defineMetric(revenue, dataset, Map.of("kind", "SIMPLE", "aggregation", "SUM",
                "expression", "unit_price * quantity * (1 - discount)", "unit", "USD",
                "dimensions", List.of("ship_country")));
        defineMetric(orderCount, dataset, Map.of("kind", "SIMPLE", "aggregation", "COUNT_DISTINCT",
                "expression", "order_id", "unit", "orders", "rounding", Map.of("scale", 0, "mode", "HALF_UP")));
        defineMetric(newCustomers, dataset, Map.of("kind", "FIRST_SEEN", "entity", "customer_id",
                "unit", "customers", "rounding", Map.of("scale", 0, "mode", "HALF_UP")));
        for (String metric : List.of(revenue, orderCount, newCustomers)) {
            certify(metric);
        }

        // the ERP pulled over JDBC: every order line, once
        String source = api.steward(Service.INGEST, SALES).body(Map.of("name", "Northwind ERP " + s,
                        "dataset", dataset, "department", SALES,
                        "jdbc", Map.of("url", PacerSystem.jdbcUrl(northwind),
                                "user", PacerSystem.dbUser(), "password", PacerSystem.dbPassword(), "query", ORDER_LINES,
                                "mode", "FULL_REFRESH")))
                .post("/sources").then().statusCode(201).extract().path("id");
        JsonPath run = runToEnd(source);
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getLong("published")).isEqualTo(2155L);
        assertThat(runToEnd(source).getLong("published")).as("a second full refresh publishes nothing new").isZero();

        // the metrics equal SQL over the ERP's own tables, month by month
        Map<String, BigDecimal> sqlRevenue = sqlByMonth("""
                select to_char(o.order_date, 'YYYY-MM'),
                       round(sum(cast(d.unit_price as numeric) * d.quantity * (1 - cast(d.discount as numeric))), 2)
                  from orders o join order_details d on d.order_id = o.order_id group by 1""");
        Map<String, BigDecimal> sqlOrders = sqlByMonth("""
                select to_char(o.order_date, 'YYYY-MM'), count(distinct o.order_id)
                  from orders o join order_details d on d.order_id = o.order_id group by 1""");
        Map<String, BigDecimal> sqlNewCustomers = sqlByMonth("""
                select to_char(first_order, 'YYYY-MM'), count(*) from (
                  select o.customer_id, min(o.order_date) as first_order
                    from orders o join order_details d on d.order_id = o.order_id group by o.customer_id) f
                 group by 1""");
        Eventually.assertThat(WAIT, () -> assertThat(monthly(revenue)).isEqualTo(sqlRevenue));
        Eventually.assertThat(WAIT, () -> assertThat(monthly(orderCount)).isEqualTo(sqlOrders));
        // a month with orders but no first order has 0 new customers (SQL's group by simply has no row for it)
        Map<String, BigDecimal> sqlNewCustomersEveryMonth = new TreeMap<>();
        sqlOrders.keySet().forEach(month -> sqlNewCustomersEveryMonth.put(month,
                sqlNewCustomers.getOrDefault(month, BigDecimal.ZERO)));
        Eventually.assertThat(WAIT, () -> assertThat(monthly(newCustomers)).isEqualTo(sqlNewCustomersEveryMonth));
        BigDecimal france1997 = sqlValue("""
                select round(sum(cast(d.unit_price as numeric) * d.quantity * (1 - cast(d.discount as numeric))), 2)
                  from orders o join order_details d on d.order_id = o.order_id
                 where o.ship_country = 'France' and o.order_date >= date '1997-01-01' and o.order_date < date '1998-01-01'""");
        JsonPath byCountry = steward().queryParam("grain", "YEAR").queryParam("from", "1997-01-01")
                .queryParam("to", "1998-01-01").queryParam("filter", "ship_country:France")
                .get("/metrics/{key}/values", revenue).then().statusCode(200).extract().jsonPath();
        assertThat(new BigDecimal(byCountry.getString("values[0].value"))).isEqualTo(france1997);

        // the sales department's 1997 goals, measured by those metrics, judged at the end of their window
        BigDecimal revenue1997 = sumOf(sqlRevenue, "1997");
        BigDecimal newCustomers1997 = sumOf(sqlNewCustomers, "1997");
        String objective = createGoal(goal("1997 年销售增长", null, null).with("description", "1997 财年销售目标")
                .with("ownerPerson", "steven.buchanan"));
        String revenueGoal = createGoal(goal("1997 年销售额", objective, 70).with("description", "订单行收入（含折扣）")
                .with("measure", Map.of("metricKey", revenue, "filter", Map.of(), "aggregation", "TOTAL"))
                .with("baseline", 0).with("baseTarget", 600000).with("challengeTarget", 700000)
                .with("plan", Map.of("type", "LINEAR")));
        String customersGoal = createGoal(goal("1997 年新增客户", objective, 30).with("description", "首单在 1997 年的客户")
                .with("measure", Map.of("metricKey", newCustomers, "filter", Map.of(), "aggregation", "TOTAL"))
                .with("baseline", 0).with("baseTarget", 30).with("challengeTarget", 40)
                .with("plan", Map.of("type", "LINEAR")));
        for (String id : List.of(revenueGoal, customersGoal, objective)) {
            Eventually.assertThat(WAIT, () -> api.admin(Service.GOAL).post("/goals/{id}/activate", id)
                    .then().statusCode(200));
        }
        assertProgress(revenueGoal, revenue1997, new BigDecimal("600000"));
        assertProgress(customersGoal, newCustomers1997, new BigDecimal("30"));

        // the sales manager's scorecard: base reached = 100, challenge = 120, linear between, capped (the defaults)
        BigDecimal revenueScore = score(revenue1997, new BigDecimal("600000"), new BigDecimal("700000"));
        BigDecimal customersScore = score(newCustomers1997, new BigDecimal("30"), new BigDecimal("40"));
        BigDecimal total = revenueScore.multiply(new BigDecimal("70")).add(customersScore.multiply(new BigDecimal("30")))
                .divide(new BigDecimal("100"), 2, RoundingMode.HALF_UP);
        JsonPath card = manager().queryParam("period", "FY1997").queryParam("person", "margaret.peacock")
                .get("/scorecards").then().statusCode(200).extract().jsonPath();
        assertThat(card.getList("goals.title")).containsExactlyInAnyOrder("1997 年销售额", "1997 年新增客户");
        assertThat(new BigDecimal(card.getString("goals.find { it.title == '1997 年销售额' }.score")))
                .isEqualByComparingTo(revenueScore);
        assertThat(new BigDecimal(card.getString("goals.find { it.title == '1997 年新增客户' }.score")))
                .isEqualByComparingTo(customersScore);
        assertThat(new BigDecimal(card.getString("score"))).isEqualByComparingTo(total);
        manager().queryParam("period", "FY1997").queryParam("department", SALES).get("/scorecards")
                .then().statusCode(200);

        // the 1997-Q4 review of the sales department, as Markdown for the meeting
        String review = manager().body(Map.of("period", "FY1997-Q4", "department", SALES)).post("/reviews")
                .then().statusCode(201).extract().path("id");
        String markdown = manager().accept("text/markdown").get("/reviews/{id}", review).then().statusCode(200)
                .extract().asString();
        assertThat(markdown).contains("1997 年销售额").contains("1997 年新增客户");
    }

    private static RequestSpecification manager() {
        return api.as(Service.GOAL, "sales-manager", Set.of("manager"), Set.of(SALES));
    }

    /**
     * The documented scoring, computed here: below the base target 100 × attainment (rounded to 6 places like every
     * attainment), between the targets linear from 100 to 120, capped at 120; 2 places, half up.
     */
    private static BigDecimal score(BigDecimal actual, BigDecimal base, BigDecimal challenge) {
        BigDecimal score;
        if (actual.compareTo(base) < 0) {
            score = new BigDecimal("100").multiply(actual.divide(base, 6, RoundingMode.HALF_UP));
        } else if (actual.compareTo(challenge) <= 0) {
            score = new BigDecimal("100").add(new BigDecimal("20").multiply(actual.subtract(base))
                    .divide(challenge.subtract(base), 20, RoundingMode.HALF_EVEN));
        } else {
            score = new BigDecimal("120");
        }
        return score.setScale(2, RoundingMode.HALF_UP);
    }

    // ------------------------------------------------------------------------------------------------ steps

    private static void defineDataset(String dataset) {
        steward().body(Map.of("key", dataset, "definition", Map.of(
                        "name", "Northwind order lines " + dataset,
                        "fields", List.of(
                                field("order_id", "INTEGER"), field("product_id", "INTEGER"),
                                field("customer_id", "STRING"), field("order_date", "DATE"),
                                field("ship_country", "STRING"), field("unit_price", "DECIMAL"),
                                field("quantity", "INTEGER"), field("discount", "DECIMAL")),
                        "primaryKey", List.of("order_id", "product_id"),
                        "eventTimeField", "order_date",
                        "ownerDepartment", SALES,
                        "sourceSystem", "northwind-erp")))
                .post("/datasets").then().statusCode(201);
    }

    private static Map<String, Object> field(String name, String type) {
        return Map.of("name", name, "type", type, "required", true);
    }

    private static void defineMetric(String key, String dataset, Map<String, Object> kind) {
        Map<String, Object> definition = new HashMap<>(kind);
        definition.put("name", key);
        definition.put("description", key + " over the Northwind order lines");
        definition.put("direction", "HIGHER_IS_BETTER");
        definition.put("ownerDepartment", SALES);
        definition.put("steward", "alice");
        definition.put("dataset", dataset);
        steward().body(Map.of("key", key, "definition", definition)).post("/metrics").then().statusCode(201);
    }

    private static void certify(String key) {
        String etag = steward().get("/metrics/{key}", key).then().statusCode(200).extract().header("ETag");
        steward().header("If-Match", etag).body(Map.of("status", "CERTIFIED", "reason", "Checked against the ERP"))
                .post("/metrics/{key}/lifecycle", key).then().statusCode(200);
    }

    /** Starts a run of the source (once ingest-service knows the dataset) and waits until it ended. */
    private static JsonPath runToEnd(String source) {
        Number runId = Eventually.get(WAIT, () -> api.steward(Service.INGEST, SALES)
                .post("/sources/{id}/runs", source).then().statusCode(202).extract().path("id"));
        return Eventually.get(WAIT, () -> {
            JsonPath run = api.steward(Service.INGEST, SALES).get("/sources/{id}/runs/{run}", source, runId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(run.getString("status")).isNotIn("QUEUED", "RUNNING");
            return run;
        });
    }

    private static Map<String, BigDecimal> monthly(String metric) {
        JsonPath values = steward().queryParam("grain", "MONTH").queryParam("from", "1996-01-01")
                .queryParam("to", "1999-01-01").get("/metrics/{key}/values", metric).then().statusCode(200)
                .extract().jsonPath();
        Map<String, BigDecimal> byPeriod = new TreeMap<>();
        List<Map<String, Object>> points = values.getList("values");
        for (Map<String, Object> point : points) {
            if (point.get("value") != null && ((Map<?, ?>) point.get("dimensions")).isEmpty()) {
                byPeriod.put((String) point.get("period"), new BigDecimal(point.get("value").toString()));
            }
        }
        return byPeriod;
    }

    private static void assertProgress(String goal, BigDecimal actual, BigDecimal baseTarget) {
        Eventually.assertThat(WAIT, () -> {
            JsonPath p = api.admin(Service.GOAL).get("/goals/{id}/progress", goal).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(p.getString("measured.actual")).isNotNull();
            assertThat(new BigDecimal(p.getString("measured.actual"))).isEqualByComparingTo(actual);
            assertThat(new BigDecimal(p.getString("attainmentBase"))).isEqualByComparingTo(
                    actual.divide(baseTarget, 6, RoundingMode.HALF_UP));
        });
    }

    private static final class GoalBody extends LinkedHashMap<String, Object> {
        GoalBody with(String field, Object value) {
            put(field, value);
            return this;
        }
    }

    private static GoalBody goal(String title, String parent, Integer weight) {
        GoalBody body = new GoalBody();
        body.put("title", title);
        body.put("ownerDepartment", SALES);
        body.put("ownerPerson", "margaret.peacock");
        body.put("period", "FY1997");
        if (parent != null) {
            body.put("parentId", parent);
        }
        if (weight != null) {
            body.put("weight", weight);
        }
        return body;
    }

    private static String createGoal(Map<String, Object> body) {
        return api.admin(Service.GOAL).body(body).post("/goals").then().statusCode(201).extract().path("id");
    }

    // ------------------------------------------------------------------------------------------------ SQL

    private static BigDecimal sumOf(Map<String, BigDecimal> byMonth, String year) {
        return byMonth.entrySet().stream().filter(e -> e.getKey().startsWith(year + "-"))
                .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Map<String, BigDecimal> sqlByMonth(String sql) {
        Map<String, BigDecimal> out = new TreeMap<>();
        try (Connection c = PacerSystem.connect(northwind); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getBigDecimal(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static BigDecimal sqlValue(String sql) {
        try (Connection c = PacerSystem.connect(northwind); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void executeOn(String database, String sql) {
        try (Connection c = PacerSystem.connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on " + database + " failed: " + e.getMessage(), e);
        }
    }
}
