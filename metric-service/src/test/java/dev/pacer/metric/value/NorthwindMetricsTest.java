package dev.pacer.metric.value;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import dev.pacer.events.Topics;
import dev.pacer.metric.Northwind;
import dev.pacer.metric.TestRecords;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The brief's metrics over real ERP data: Northwind's 2,155 order lines go onto the real broker as records, and every
 * monthly, quarterly and yearly value is checked against SQL computed independently over the same rows — to the cent.
 * Then a replay changes nothing, a changed line changes exactly the periods it touches, and a delete removes it.
 */
@QuarkusTest
@PacerTestStack
class NorthwindMetricsTest {
    private static final String STEWARD = Tokens.withRole("steward", "finance");
    private static final String FROM = "1996-01-01";
    private static final String TO = "1999-01-01";

    @Inject
    ObjectMapper json;
    @Inject
    AgroalDataSource dataSource;

    private String run;
    private String dataset;
    private String table;

    private String key(String name) {
        return name + "_" + run;
    }

    private Map<String, Object> metric(String kind) {
        Map<String, Object> d = new HashMap<>();
        d.put("name", kind);
        d.put("description", "Northwind " + kind);
        d.put("unit", "USD");
        d.put("direction", "HIGHER_IS_BETTER");
        d.put("ownerDepartment", "sales");
        d.put("steward", "alice");
        d.put("kind", kind);
        if (!kind.equals("RATIO")) {
            d.put("dataset", dataset);
        }
        return d;
    }

    private void define(String name, Map<String, Object> definition) {
        given().auth().oauth2(STEWARD).contentType("application/json")
                .body(Map.of("key", key(name), "definition", definition)).post("/metrics").then().statusCode(201);
    }

    private void defineTheBriefsMetrics() {
        Map<String, Object> revenue = metric("SIMPLE");
        revenue.put("aggregation", "SUM");
        revenue.put("expression", "unit_price * quantity * (1 - discount)");
        revenue.put("dimensions", List.of("ship_country"));
        define("revenue", revenue);

        Map<String, Object> orders = metric("SIMPLE");
        orders.put("aggregation", "COUNT_DISTINCT");
        orders.put("expression", "order_id");
        orders.put("unit", "orders");
        orders.put("rounding", Map.of("scale", 0, "mode", "HALF_UP"));
        define("orders", orders);

        Map<String, Object> newCustomers = metric("FIRST_SEEN");
        newCustomers.put("entity", "customer_id");
        newCustomers.put("rounding", Map.of("scale", 0, "mode", "HALF_UP"));
        define("new_customers", newCustomers);

        Map<String, Object> repeaters = metric("ENTITY_COUNT");
        repeaters.put("entity", "customer_id");
        repeaters.put("entityCondition", Map.of("aggregation", "COUNT_DISTINCT", "expression", "order_id",
                "operator", ">=", "value", 2));
        define("repeat_customers", repeaters);
        Map<String, Object> buyers = metric("ENTITY_COUNT");
        buyers.put("entity", "customer_id");
        buyers.put("entityCondition", Map.of("aggregation", "COUNT", "operator", ">=", "value", 1));
        define("buying_customers", buyers);
        Map<String, Object> repeatRate = metric("RATIO");
        repeatRate.put("numerator", key("repeat_customers"));
        repeatRate.put("denominator", key("buying_customers"));
        repeatRate.put("rounding", Map.of("scale", 4, "mode", "HALF_UP"));
        define("repeat_rate", repeatRate);

        Map<String, Object> late = metric("SIMPLE");
        late.put("aggregation", "COUNT_DISTINCT");
        late.put("expression", "order_id");
        late.put("filter", "shipped_date is not null and shipped_date > required_date");
        define("late_orders", late);
        Map<String, Object> shipped = metric("SIMPLE");
        shipped.put("aggregation", "COUNT_DISTINCT");
        shipped.put("expression", "order_id");
        shipped.put("filter", "shipped_date is not null");
        define("shipped_orders", shipped);
        Map<String, Object> lateRate = metric("RATIO");
        lateRate.put("numerator", key("late_orders"));
        lateRate.put("denominator", key("shipped_orders"));
        lateRate.put("rounding", Map.of("scale", 4, "mode", "HALF_UP"));
        lateRate.put("direction", "LOWER_IS_BETTER");
        define("late_rate", lateRate);
    }

    private Map.Entry<String, String> record(Map<String, Object> line, long version, RecordOperation op) {
        return TestRecords.message(json, dataset, line.get("order_id") + "|" + line.get("product_id"), op,
                "northwind-erp", version, line);
    }

    private void loadCheckTable(List<Map<String, Object>> lines) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table public." + table + " (order_id int, customer_id text, order_date date, "
                    + "required_date date, shipped_date date, ship_country text, product_id int, unit_price numeric, "
                    + "quantity int, discount numeric)");
            try (PreparedStatement ps = c.prepareStatement("insert into public." + table
                    + " values (?, ?, ?::date, ?::date, ?::date, ?, ?, ?, ?, ?)")) {
                for (Map<String, Object> l : lines) {
                    ps.setObject(1, l.get("order_id"), java.sql.Types.INTEGER);
                    ps.setObject(2, l.get("customer_id"));
                    ps.setObject(3, l.get("order_date"));
                    ps.setObject(4, l.get("required_date"));
                    ps.setObject(5, l.get("shipped_date"));
                    ps.setObject(6, l.get("ship_country"));
                    ps.setObject(7, l.get("product_id"), java.sql.Types.INTEGER);
                    ps.setObject(8, l.get("unit_price"));
                    ps.setObject(9, l.get("quantity"), java.sql.Types.INTEGER);
                    ps.setObject(10, l.get("discount"));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** period start → value, from independent SQL; {@code %s} is replaced by the bucket expression of the grain. */
    private Map<String, BigDecimal> expected(String sqlWithBucket, String grain) throws Exception {
        String unit = switch (grain) {
            case "MONTH" -> "month";
            case "QUARTER" -> "quarter";
            default -> "year";
        };
        String sql = sqlWithBucket.replace("%b", "date_trunc('" + unit + "', order_date)::date")
                .replace("%t", "public." + table);
        Map<String, BigDecimal> result = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getBigDecimal(2));
            }
        }
        return result;
    }

    private Map<String, BigDecimal> actual(String metric, String grain, String groupByOrFilter) {
        var req = given().auth().oauth2(STEWARD).queryParam("grain", grain).queryParam("from", FROM)
                .queryParam("to", TO);
        if (groupByOrFilter != null) {
            req = req.queryParam("filter", groupByOrFilter);
        }
        JsonPath body = new JsonPath(req.get("/metrics/" + key(metric) + "/values").then().statusCode(200).extract()
                .asString()).using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.BIG_DECIMAL));
        Map<String, BigDecimal> result = new TreeMap<>();
        List<Map<String, Object>> values = body.getList("values");
        for (Map<String, Object> v : values) {
            Object value = v.get("value");
            result.put((String) v.get("periodStart"),
                    value == null ? null : new BigDecimal(value.toString()).stripTrailingZeros());
        }
        return result;
    }

    private static void awaitEqual(Supplier<Map<String, BigDecimal>> actual, Map<String, BigDecimal> expected,
            String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        Map<String, BigDecimal> last = actual.get();
        while (!equalNumbers(last, expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            last = actual.get();
        }
        Map<String, BigDecimal> normalized = new TreeMap<>();
        expected.forEach((k, v) -> normalized.put(k, v == null ? null : v.stripTrailingZeros()));
        assertThat(last).as(what).containsExactlyInAnyOrderEntriesOf(normalized);
    }

    private static boolean equalNumbers(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> e.getValue() != null && b.get(e.getKey()) != null
                && e.getValue().compareTo(b.get(e.getKey())) == 0);
    }

    private static final String REVENUE = "select %b, round(sum(unit_price * quantity * (1 - discount)), 2) from %t "
            + "group by 1";
    private static final String ORDERS = "select %b, count(distinct order_id) from %t group by 1";
    /** Every period with orders, and how many customers ordered for the first time in it (often none). */
    private static final String NEW_CUSTOMERS = "select p.b, count(f.customer_id) from (select distinct %b as b from %t) p "
            + "left join (select customer_id, min(order_date) as order_date from %t group by 1) f on %b = p.b group by 1";
    private static final String REPEAT_RATE = "select p, round(count(*) filter (where n >= 2)::numeric / count(*), 4) "
            + "from (select %b as p, customer_id, count(distinct order_id) n from %t group by 1, 2) x group by 1";
    private static final String LATE_RATE = "select %b, round(count(distinct order_id) filter (where shipped_date > "
            + "required_date)::numeric / count(distinct order_id), 4) from %t where shipped_date is not null group by 1";

    @Test
    void theBriefsMetricsOverNorthwindEqualIndependentSqlAndFollowReplaysChangesAndDeletes() throws Exception {
        run = UUID.randomUUID().toString().substring(0, 8);
        dataset = "nw_" + run;
        table = "nw_check_" + run;
        given().auth().oauth2(STEWARD).contentType("application/json").body(Northwind.dataset(dataset))
                .post("/datasets").then().statusCode(201);
        defineTheBriefsMetrics();
        List<Map<String, Object>> lines = Northwind.lines();
        assertThat(lines).hasSize(2155);
        loadCheckTable(lines);

        List<Map.Entry<String, String>> records = new ArrayList<>();
        lines.forEach(l -> records.add(record(l, 1, RecordOperation.UPSERT)));
        KafkaTestClient.sendAll(Topics.RECORDS, records);

        for (String grain : List.of("MONTH", "QUARTER", "YEAR")) {
            awaitEqual(() -> actual("revenue", grain, null), expected(REVENUE, grain), "revenue by " + grain);
            awaitEqual(() -> actual("orders", grain, null), expected(ORDERS, grain), "orders by " + grain);
            awaitEqual(() -> actual("new_customers", grain, null), expected(NEW_CUSTOMERS, grain),
                    "new customers by " + grain);
            awaitEqual(() -> actual("late_rate", grain, null), expected(LATE_RATE, grain), "late rate by " + grain);
        }
        awaitEqual(() -> actual("repeat_rate", "QUARTER", null), expected(REPEAT_RATE, "QUARTER"),
                "quarterly repeat-purchase rate");
        for (String country : List.of("France", "Germany", "USA", "Brazil")) {
            awaitEqual(() -> actual("revenue", "YEAR", "ship_country:" + country),
                    expected(REVENUE.replace("from %t", "from %t where ship_country = '" + country + "'"), "YEAR"),
                    "revenue of " + country);
        }

        Map<String, Map<String, BigDecimal>> before = snapshot();
        KafkaTestClient.sendAll(Topics.RECORDS, records);
        KafkaTestClient.awaitConsumed("metric-service", Topics.RECORDS, Duration.ofSeconds(120));
        ValuesRefreshed.await(dataSource, Duration.ofSeconds(120));
        assertThat(snapshot()).as("values after replaying every record").isEqualTo(before);

        Map<String, Object> line = new LinkedHashMap<>(lines.get(0));
        assertThat(line.get("order_id")).isEqualTo(10248L);
        line.put("quantity", 24L);
        KafkaTestClient.sendAll(Topics.RECORDS, List.of(record(line, 2, RecordOperation.UPSERT)));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("update public." + table + " set quantity = 24 where order_id = 10248 and product_id = 11");
        }
        awaitEqual(() -> actual("revenue", "MONTH", null), expected(REVENUE, "MONTH"), "revenue after a change");
        Map<String, Map<String, BigDecimal>> changed = snapshot();
        assertThat(differences(before, changed)).as("revenue values changed by one line of 1996-07-04")
                .containsExactlyInAnyOrder("revenue/DAY/1996-07-04", "revenue/WEEK/1996-07-01",
                        "revenue/MONTH/1996-07-01", "revenue/QUARTER/1996-07-01", "revenue/YEAR/1996-01-01");

        KafkaTestClient.sendAll(Topics.RECORDS, List.of(record(line, 3, RecordOperation.DELETE)));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from public." + table + " where order_id = 10248 and product_id = 11");
        }
        awaitEqual(() -> actual("revenue", "MONTH", null), expected(REVENUE, "MONTH"), "revenue after a delete");
        awaitEqual(() -> actual("revenue", "YEAR", null), expected(REVENUE, "YEAR"), "yearly revenue after a delete");
        awaitEqual(() -> actual("orders", "MONTH", null), expected(ORDERS, "MONTH"), "orders after a delete");
    }

    /** Every total value of revenue and orders at every grain, by metric/grain/period. */
    private Map<String, Map<String, BigDecimal>> snapshot() {
        Map<String, Map<String, BigDecimal>> all = new TreeMap<>();
        for (String metric : List.of("revenue", "orders", "new_customers", "repeat_rate", "late_rate")) {
            for (String grain : List.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR")) {
                Map<String, BigDecimal> values = new TreeMap<>();
                actual(metric, grain, null).forEach((k, v) -> values.put(k, v == null ? null : v.stripTrailingZeros()));
                all.put(metric + "/" + grain, values);
            }
        }
        return all;
    }

    private static List<String> differences(Map<String, Map<String, BigDecimal>> a,
            Map<String, Map<String, BigDecimal>> b) {
        List<String> diffs = new ArrayList<>();
        for (String series : b.keySet()) {
            Map<String, BigDecimal> x = a.getOrDefault(series, Map.of());
            Map<String, BigDecimal> y = b.get(series);
            for (String p : y.keySet()) {
                if (!java.util.Objects.equals(x.get(p), y.get(p))) {
                    diffs.add(series + "/" + p);
                }
            }
        }
        return diffs;
    }
}
