package dev.pacer.dev.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pacer.dev.demo.DemoData.Generated;
import dev.pacer.dev.demo.DemoData.OrderLine;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the demo organisation once, through the services' public REST APIs only: the order-line dataset and its
 * certified metrics, the brief's goal tree for the current fiscal year (市场占有率提升 → 客户增长 → 新增客户数, and →
 * 产品创新 → 新品销售额), a year of generated order lines ({@link DemoData}) pushed as an ERP would, Northwind as a
 * JDBC source, alert rules and a signed webhook channel to the {@link WebhookInbox}, check-ins and the month's review.
 *
 * <p>Running it again changes nothing: the demo's root goal (found by its marker description) with a check-in on
 * 新增客户数 (the last step) means "already loaded". A load that stopped half-way is completed by the next one: what
 * exists is found by key or name and kept, the goals are reused, and the lines pushed again replace themselves
 * (same primary keys).
 * It waits until progress, forecasts and a firing alert are there, then prints what to look at.
 *
 * <p>{@code java -cp dev/target/pacer-dev-0.1.0-SNAPSHOT.jar dev.pacer.dev.demo.DemoLoader [options]}; see
 * {@link #usage()}. {@code ./pacer up --demo} runs it with the right options.
 */
public final class DemoLoader {
    /** The root goal's description starts with this: how a second load recognises the first. */
    public static final String MARKER = "[Pacer demo]";
    public static final String DATASET = "demo_orders";
    public static final String NEW_CUSTOMERS = "demo_new_customers";
    public static final String REVENUE = "demo_revenue";
    public static final String NEW_PRODUCT_REVENUE = "demo_new_product_revenue";
    public static final String ORDER_COUNT = "demo_order_count";
    public static final String NORTHWIND_DATASET = "demo_northwind_lines";
    public static final String NORTHWIND_REVENUE = "demo_northwind_revenue";
    public static final String NORTHWIND_ORDERS = "demo_northwind_orders";
    public static final String CHANNEL_NAME = "Pacer demo inbox";
    public static final String PACE_RULE = "Demo: goal behind pace";
    public static final String FORECAST_RULE = "Demo: forecast misses the base target";
    public static final String NORTHWIND_SOURCE = "Northwind ERP (demo)";
    public static final String MARKETING = "市场部";
    public static final String SALES = "销售部";
    public static final String RND = "产品研发部";
    /** The department code of the Northwind source (source departments are codes: letters, digits, _ . -). */
    public static final String SOURCE_DEPARTMENT = "sales";
    static final int BATCH = 1000;
    /** Northwind's order lines, money as numeric (the columns are float4). */
    static final String NORTHWIND_QUERY = """
            select o.order_id, d.product_id, o.customer_id, o.order_date, o.ship_country,
                   cast(d.unit_price as numeric) as unit_price, d.quantity, cast(d.discount as numeric) as discount
              from orders o join order_details d on d.order_id = o.order_id""";

    /** Where the services are and what the demo uses. */
    public record Options(String metricUrl, String goalUrl, String alertUrl, String ingestUrl, Path privateKey,
            String issuer, String webhookUrl, String webhookSecret, Path northwindSql, String dbUrl, String dbUser,
            String dbPassword, String northwindDatabase, ZoneId zone, int fiscalYearStartMonth, long seed,
            Duration timeout) {
        public Options {
            Objects.requireNonNull(metricUrl, "metricUrl");
            Objects.requireNonNull(goalUrl, "goalUrl");
            Objects.requireNonNull(alertUrl, "alertUrl");
            Objects.requireNonNull(ingestUrl, "ingestUrl");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(webhookUrl, "webhookUrl");
            Objects.requireNonNull(webhookSecret, "webhookSecret");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(timeout, "timeout");
            if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
                throw new DemoException("the fiscal year start month must be 1-12, not " + fiscalYearStartMonth);
            }
        }
    }

    /** What the demo holds after a load. */
    public record Result(boolean alreadyLoaded, String fiscalYear, String rootGoalId, Map<String, String> goals,
            int linesPushed, int newCustomers, List<String> firingAlerts, String reviewId, boolean northwind,
            long northwindPublished) {
    }

    private final Options options;
    private final PrintStream out;
    private final Clock clock;
    private final Http http = new Http();
    private final String admin;
    private final String steward;
    private final String integration;
    private final Map<String, String> managers = new HashMap<>();

    public DemoLoader(Options options, PrintStream out, Clock clock) {
        this.options = options;
        this.out = out;
        this.clock = clock;
        DevTokens tokens = new DevTokens(DevTokens.readPrivateKey(options.privateKey()), options.issuer(),
                Duration.ofHours(2), clock);
        admin = tokens.token("demo-admin", List.of("admin"), List.of());
        steward = tokens.token("alice", List.of("steward"), List.of(SALES, MARKETING, SOURCE_DEPARTMENT));
        integration = tokens.token("demo-erp", List.of("integration"), List.of());
        for (String dept : List.of(MARKETING, SALES, RND)) {
            managers.put(dept, tokens.token(owner(dept), List.of("manager"), List.of(dept)));
        }
    }

    public static void main(String[] args) {
        try {
            Options options = parse(args);
            new DemoLoader(options, System.out, Clock.system(options.zone())).load();
        } catch (DemoException e) {
            System.out.flush();
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The person who owns a department's demo goals. */
    static String owner(String department) {
        return switch (department) {
            case MARKETING -> "zhang.wei";
            case SALES -> "wang.fang";
            case RND -> "li.na";
            default -> throw new IllegalArgumentException(department);
        };
    }

    /** The first day of the fiscal year that holds {@code today}. */
    static LocalDate fiscalYearStart(LocalDate today, int startMonth) {
        LocalDate start = LocalDate.of(today.getYear(), startMonth, 1);
        return start.isAfter(today) ? start.minusYears(1) : start;
    }

    // ------------------------------------------------------------------------------------------------ the load

    public Result load() {
        LocalDate today = LocalDate.now(clock.withZone(options.zone()));
        LocalDate fyStart = fiscalYearStart(today, options.fiscalYearStartMonth());
        String fy = "FY" + fyStart.getYear();
        say("Demo organisation for " + fy + " (" + fyStart + " to " + today + ")");

        Optional<JsonNode> existing = findDemoRoot(fy);
        Map<String, String> existingGoals = existing.map(root -> subtree(root.path("id").asText())).orElse(null);
        if (existingGoals != null && completed(existingGoals)) {
            String root = existing.get().path("id").asText();
            say("demo already loaded (root goal " + root + " '" + existing.get().path("title").asText()
                    + "'): nothing added");
            List<String> firing = firingAlerts(existingGoals);
            firing.forEach(a -> say("  firing: " + a));
            guide(fy, root, existingGoals, null);
            return new Result(true, fy, root, existingGoals, 0, 0, firing, null, false, 0);
        }
        if (existingGoals != null) {
            say("An earlier demo load stopped half-way (root goal " + existing.get().path("id").asText()
                    + " has no check-ins yet): completing it");
        }

        Instant started = clock.instant();
        Generated data = DemoData.generate(fyStart, today, options.seed());
        step("Definitions: dataset " + DATASET + " and its certified metrics");
        defineDataset(DATASET, "Demo order lines", orderFields(), List.of("order_id", "product_id"), "demo-erp");
        defineMetric(NEW_CUSTOMERS, definition("新增客户数", "首单落在该期间的客户数（按 customer_id 首次出现计）",
                "customers", MARKETING, "FIRST_SEEN", DATASET, Map.of("entity", "customer_id",
                        "rounding", Map.of("scale", 0, "mode", "HALF_UP"))));
        defineMetric(REVENUE, definition("销售额", "订单行收入：单价 × 数量，按下单日期计", "CNY", SALES, "SIMPLE",
                DATASET, Map.of("aggregation", "SUM", "expression", "unit_price * quantity",
                        "dimensions", List.of("region", "product_line"))));
        defineMetric(NEW_PRODUCT_REVENUE, definition("新品销售额", "新品（product_line = 'new'）的订单行收入，按下单日期计",
                "CNY", SALES, "SIMPLE", DATASET, Map.of("aggregation", "SUM", "expression", "unit_price * quantity",
                        "filter", "product_line = 'new'", "dimensions", List.of("region"))));
        defineMetric(ORDER_COUNT, definition("订单数", "不同订单号的个数，按下单日期计", "orders", SALES, "SIMPLE",
                DATASET, Map.of("aggregation", "COUNT_DISTINCT", "expression", "order_id",
                        "rounding", Map.of("scale", 0, "mode", "HALF_UP"))));
        for (String metric : List.of(NEW_CUSTOMERS, REVENUE, NEW_PRODUCT_REVENUE, ORDER_COUNT)) {
            certify(metric);
        }

        boolean northwind = prepareNorthwind();

        step("Goal tree for " + fy);
        Map<String, String> goals = existingGoals != null ? existingGoals : createGoals(fy);
        activate(goals);
        String root = goals.get("市场占有率提升");

        step("Alert rules and the webhook channel (" + options.webhookUrl() + ")");
        createChannel();
        createRules(root, goals.get("新增客户数"));

        step("Pushing " + data.lines().size() + " generated order lines (" + data.orders() + " orders, "
                + data.newCustomers() + " new customers) to ingest-service in batches of " + BATCH);
        push(data.lines());

        long northwindPublished = northwind ? runNorthwind() : 0;

        step("Waiting for values, progress and alerts");
        awaitProgress(goals.get("新增客户数"), BigDecimal.valueOf(data.newCustomers()), "OFF_TRACK");
        if (data.newProductSales().signum() > 0) {
            awaitProgress(goals.get("新品销售额"), data.newProductSales(), null);
        }
        await("the roll-up of '市场占有率提升'", () -> {
            JsonNode p = http.get(options.goalUrl() + "/goals/" + root + "/progress", admin)
                    .expect("reading the progress of the root goal", 200).json();
            return p.hasNonNull("rollUp") && !"NO_DATA".equals(p.path("status").asText()) ? Optional.of(p)
                    : Optional.empty();
        });
        List<String> firing = await("a firing alert about '新增客户数'", () -> {
            List<String> alerts = firingAlerts(goals);
            return alerts.stream().anyMatch(a -> a.contains(" on 新增客户数: ")) ? Optional.of(alerts) : Optional.empty();
        });
        firing.forEach(a -> say("  firing: " + a));

        step("The month's review of " + MARKETING + ", and check-ins");
        String review = review(today);
        checkIn(goals.get("新品销售额"), SALES, "新品上市后销售平稳，华东与华南贡献最大", 8, null);
        // last: a check-in on 新增客户数 marks the demo as loaded
        checkIn(goals.get("新增客户数"), MARKETING, "新客户增长明显落后于计划：线上获客渠道转化低，下月加推地推活动", 4,
                "渠道预算尚未批复");

        say("");
        say("Loaded in " + Duration.between(started, clock.instant()).toSeconds() + " s: " + data.lines().size()
                + " order lines, " + goals.size() + " goals, 2 rules, 1 channel"
                + (northwind ? ", Northwind (" + northwindPublished + " order lines published)" : ""));
        guide(fy, root, goals, review);
        return new Result(false, fy, root, goals, data.lines().size(), data.newCustomers(), firing, review, northwind,
                northwindPublished);
    }

    // ------------------------------------------------------------------------------------------------ definitions

    private static List<Map<String, Object>> orderFields() {
        return List.of(field("order_id", "STRING", true), field("product_id", "STRING", true),
                field("customer_id", "STRING", true), field("order_date", "DATE", true),
                field("quantity", "INTEGER", true), field("unit_price", "DECIMAL", true),
                field("product_line", "STRING", true), field("region", "STRING", true));
    }

    private static Map<String, Object> field(String name, String type, boolean required) {
        return Map.of("name", name, "type", type, "required", required);
    }

    private void defineDataset(String key, String name, List<Map<String, Object>> fields, List<String> primaryKey,
            String sourceSystem) {
        if (http.get(options.metricUrl() + "/datasets/" + key, steward).is(200)) {
            say("  dataset " + key + " exists");
            return;
        }
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", name);
        definition.put("fields", fields);
        definition.put("primaryKey", primaryKey);
        definition.put("eventTimeField", "order_date");
        definition.put("ownerDepartment", SALES);
        definition.put("sourceSystem", sourceSystem);
        http.post(options.metricUrl() + "/datasets", steward, Map.of("key", key, "definition", definition))
                .expect("creating dataset " + key, 201);
        say("  dataset " + key + " created");
    }

    private static Map<String, Object> definition(String name, String description, String unit, String department,
            String kind, String dataset, Map<String, Object> more) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("description", description);
        d.put("unit", unit);
        d.put("direction", "HIGHER_IS_BETTER");
        d.put("ownerDepartment", department);
        d.put("steward", "alice");
        d.put("kind", kind);
        d.put("dataset", dataset);
        d.putAll(more);
        return d;
    }

    private void defineMetric(String key, Map<String, Object> definition) {
        if (http.get(options.metricUrl() + "/metrics/" + key, steward).is(200)) {
            return;
        }
        http.post(options.metricUrl() + "/metrics", steward, Map.of("key", key, "definition", definition))
                .expect("creating metric " + key, 201);
    }

    private void certify(String key) {
        Http.Response metric = http.get(options.metricUrl() + "/metrics/" + key, steward)
                .expect("reading metric " + key, 200);
        if ("CERTIFIED".equals(metric.json().path("status").asText())) {
            return;
        }
        http.post(options.metricUrl() + "/metrics/" + key + "/lifecycle", steward,
                        Map.of("status", "CERTIFIED", "reason", "Demo: reviewed with finance"), metric.etag())
                .expect("certifying metric " + key, 200);
        say("  metric " + key + " certified");
    }

    // ------------------------------------------------------------------------------------------------ goals

    private Optional<JsonNode> findDemoRoot(String fy) {
        JsonNode page = http.get(Http.url(options.goalUrl(), "/goals",
                        Map.of("period", fy, "root", "true", "limit", "500")), admin)
                .expect("listing the " + fy + " objectives", 200).json();
        for (JsonNode goal : page.path("items")) {
            if (goal.path("description").asText("").startsWith(MARKER)) {
                return Optional.of(goal);
            }
        }
        return Optional.empty();
    }

    private Map<String, String> subtree(String root) {
        Map<String, String> goals = new LinkedHashMap<>();
        JsonNode rootGoal = http.get(options.goalUrl() + "/goals/" + root, admin).expect("reading the root goal", 200)
                .json();
        goals.put(rootGoal.path("title").asText(), root);
        List<String> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            String parent = pending.remove(0);
            JsonNode children = http.get(Http.url(options.goalUrl(), "/goals/" + parent + "/children",
                    Map.of("limit", "500")), admin).expect("reading sub-goals", 200).json();
            for (JsonNode child : children.path("items")) {
                goals.put(child.path("title").asText(), child.path("id").asText());
                pending.add(child.path("id").asText());
            }
        }
        return goals;
    }

    private Map<String, String> createGoals(String fy) {
        Map<String, String> ids = new LinkedHashMap<>();
        String top = createGoal(ids, goal(fy, "市场占有率提升", MARKER + " 年度目标：提升市场占有率", MARKETING, null, null));
        String growth = createGoal(ids, goal(fy, "客户增长", "以新客户带动增长", MARKETING, top, 50));
        Map<String, Object> customers = goal(fy, "新增客户数", "首单落在本财年的客户数", MARKETING, growth, 100);
        customers.put("window", Map.of("fromQuarter", "Q1", "toQuarter", "Q4"));
        customers.put("measure", Map.of("metricKey", NEW_CUSTOMERS, "filter", Map.of(), "aggregation", "TOTAL"));
        customers.put("baseline", 0);
        customers.put("baseTarget", DemoData.NEW_CUSTOMERS_BASE);
        customers.put("challengeTarget", DemoData.NEW_CUSTOMERS_CHALLENGE);
        customers.put("plan", Map.of("type", "LINEAR"));
        createGoal(ids, customers);
        String innovation = createGoal(ids, goal(fy, "产品创新", "新品上市与销售", RND, top, 50));
        Map<String, Object> newSales = goal(fy, "新品销售额", "新品的销售收入，按下单日期计（新品自第二季度上市）", SALES,
                innovation, 100);
        newSales.put("window", Map.of("fromQuarter", "Q2", "toQuarter", "Q4"));
        newSales.put("measure", Map.of("metricKey", NEW_PRODUCT_REVENUE, "filter", Map.of(), "aggregation", "TOTAL"));
        newSales.put("baseline", 0);
        newSales.put("baseTarget", DemoData.NEW_PRODUCT_SALES_BASE);
        newSales.put("challengeTarget", DemoData.NEW_PRODUCT_SALES_CHALLENGE);
        newSales.put("plan", Map.of("type", "LINEAR"));
        createGoal(ids, newSales);
        return ids;
    }

    /** Activates the goals still in DRAFT, leaves first. */
    private void activate(Map<String, String> goals) {
        for (String title : List.of("新增客户数", "新品销售额", "客户增长", "产品创新", "市场占有率提升")) {
            String id = goals.get(title);
            if (id == null) {
                throw new DemoException("the demo goal tree has no goal '" + title + "'; delete the demo's goals "
                        + "(root " + goals.get("市场占有率提升") + ") to load it afresh");
            }
            String status = http.get(options.goalUrl() + "/goals/" + id, admin).expect("reading goal " + id, 200)
                    .json().path("status").asText();
            if (!"DRAFT".equals(status)) {
                continue;
            }
            // goal-service learns the metrics' certification from pacer.catalog: activation may need a moment
            await("activating goal " + id, () -> {
                Http.Response r = http.post(options.goalUrl() + "/goals/" + id + "/activate", admin, Map.of());
                if (r.is(200)) {
                    return Optional.of(r);
                }
                if (r.is(400, 409, 422)) {
                    lastProblem = r.describe();
                    return Optional.empty();
                }
                throw new DemoException("activating goal " + id + " failed: " + r.describe());
            });
        }
        goals.forEach((title, id) -> say("  " + title + "  " + id));
    }

    /** The last step of a load is the check-ins: with them there, the demo is complete. */
    private boolean completed(Map<String, String> goals) {
        String customers = goals.get("新增客户数");
        if (customers == null) {
            return false;
        }
        JsonNode checkIns = http.get(options.goalUrl() + "/goals/" + customers + "/check-ins", admin)
                .expect("reading the check-ins of 新增客户数", 200).json();
        return checkIns.path("items").size() > 0;
    }

    private static Map<String, Object> goal(String fy, String title, String description, String department,
            String parent, Integer weight) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("description", description);
        body.put("ownerDepartment", department);
        body.put("ownerPerson", owner(department));
        body.put("period", fy);
        if (parent != null) {
            body.put("parentId", parent);
        }
        if (weight != null) {
            body.put("weight", weight);
        }
        return body;
    }

    private String createGoal(Map<String, String> ids, Map<String, Object> body) {
        String id = http.post(options.goalUrl() + "/goals", admin, body)
                .expect("creating goal '" + body.get("title") + "'", 201).json().path("id").asText();
        ids.put((String) body.get("title"), id);
        return id;
    }

    // ------------------------------------------------------------------------------------------------ alerting

    private void createChannel() {
        JsonNode channels = http.get(Http.url(options.alertUrl(), "/channels", Map.of("limit", "500")), admin)
                .expect("listing channels", 200).json();
        for (JsonNode c : channels.path("items")) {
            if (CHANNEL_NAME.equals(c.path("name").asText())) {
                say("  channel '" + CHANNEL_NAME + "' exists");
                return;
            }
        }
        http.post(options.alertUrl() + "/channels", admin, Map.of("name", CHANNEL_NAME, "url", options.webhookUrl(),
                        "secret", options.webhookSecret(), "departments", List.of(MARKETING, SALES, RND),
                        "severities", List.of("CRITICAL", "WARNING"), "groupWait", "PT0S"))
                .expect("creating the webhook channel", 201);
    }

    private void createRules(String root, String customersGoal) {
        JsonNode rules = http.get(Http.url(options.alertUrl(), "/rules", Map.of("limit", "500")), admin)
                .expect("listing rules", 200).json();
        List<String> names = new ArrayList<>();
        rules.path("items").forEach(r -> names.add(r.path("name").asText()));
        if (!names.contains(PACE_RULE)) {
            http.post(options.alertUrl() + "/rules", admin, Map.of("name", PACE_RULE, "kind", "GOAL_PACE",
                            "parameters", Map.of("worseThan", "AT_RISK"),
                            "scope", Map.of("type", "GOAL_SUBTREE", "key", root),
                            "departments", List.of(MARKETING, SALES, RND), "severity", "CRITICAL", "pendingFor", "PT0S"))
                    .expect("creating the GOAL_PACE rule", 201);
        }
        if (!names.contains(FORECAST_RULE)) {
            http.post(options.alertUrl() + "/rules", admin, Map.of("name", FORECAST_RULE, "kind", "FORECAST_MISS",
                            "parameters", Map.of("polarity", "HIGHER_IS_BETTER"),
                            "scope", Map.of("type", "GOAL", "key", customersGoal),
                            "departments", List.of(MARKETING), "severity", "WARNING", "pendingFor", "PT0S"))
                    .expect("creating the FORECAST_MISS rule", 201);
        }
    }

    /** "severity ruleName on goal title: reason" of each firing alert about one of the goals. */
    private List<String> firingAlerts(Map<String, String> goals) {
        Map<String, String> titles = new HashMap<>();
        goals.forEach((title, id) -> titles.put(id, title));
        JsonNode alerts = http.get(Http.url(options.alertUrl(), "/alerts", Map.of("state", "FIRING", "limit", "500")),
                admin).expect("listing alerts", 200).json();
        List<String> firing = new ArrayList<>();
        for (JsonNode a : alerts.path("items")) {
            String title = titles.get(a.path("subjectId").asText());
            if (title != null && "FIRING".equals(a.path("state").asText())) {
                firing.add(a.path("severity").asText() + " " + a.path("ruleName").asText() + " on " + title + ": "
                        + a.path("reason").asText());
            }
        }
        return firing;
    }

    // ------------------------------------------------------------------------------------------------ data

    private void push(List<OrderLine> lines) {
        for (int from = 0; from < lines.size(); from += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (OrderLine l : lines.subList(from, Math.min(lines.size(), from + BATCH))) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("order_id", l.orderId());
                record.put("product_id", l.productId());
                record.put("customer_id", l.customerId());
                record.put("order_date", l.orderDate().toString());
                record.put("quantity", l.quantity());
                record.put("unit_price", l.unitPrice());
                record.put("product_line", l.productLine());
                record.put("region", l.region());
                batch.add(record);
            }
            int first = from;
            // until ingest-service has the dataset's schema from pacer.catalog it answers 404
            JsonNode answer = await("ingest-service to take the lines of " + DATASET, () -> {
                Http.Response r = http.post(Http.url(options.ingestUrl(), "/ingest/" + DATASET,
                        Map.of("sourceSystem", "demo-erp")), integration, batch);
                if (r.is(404)) {
                    lastProblem = r.describe();
                    return Optional.empty();
                }
                return Optional.of(r.expect("pushing order lines " + first + "…", 200).json());
            });
            if (answer.path("rejected").asInt() != 0) {
                throw new DemoException("ingest-service rejected " + answer.path("rejected").asInt()
                        + " generated lines: " + Http.abbreviate(answer.path("rejections").toString()));
            }
        }
        say("  " + lines.size() + " lines accepted");
    }

    private void awaitProgress(String goal, BigDecimal actual, String status) {
        JsonNode progress = await("the progress of goal " + goal + " to reach " + actual.toPlainString(), () -> {
            JsonNode p = http.get(options.goalUrl() + "/goals/" + goal + "/progress", admin)
                    .expect("reading progress", 200).json();
            JsonNode measured = p.path("measured");
            lastProblem = "progress is " + Http.abbreviate(p.toString());
            boolean there = measured.hasNonNull("actual")
                    && new BigDecimal(measured.get("actual").asText()).compareTo(actual) == 0
                    && (status == null || status.equals(measured.path("status").asText()));
            return there ? Optional.of(p) : Optional.empty();
        });
        JsonNode m = progress.path("measured");
        say("  " + m.path("status").asText() + ": actual " + m.path("actual").asText() + " of "
                + progress.path("baseTarget").asText() + " (plan by now " + m.path("expectedBase").asText()
                + ", forecast " + m.path("forecast").asText() + ")");
    }

    private void checkIn(String goal, String department, String comment, int confidence, String blockers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("comment", comment);
        body.put("confidence", confidence);
        if (blockers != null) {
            body.put("blockers", blockers);
        }
        http.post(options.goalUrl() + "/goals/" + goal + "/check-ins", managers.get(department), body)
                .expect("checking in on goal " + goal, 201);
    }

    /**
     * The review (复盘) of 市场部 for the current month, with an action item. Not the last complete month: a review
     * reads the progress history as of its period's end, and the demo's history starts today, when its data arrived,
     * so an earlier month would show every goal as NO_DATA.
     */
    private String review(LocalDate today) {
        String period = today.format(DateTimeFormatter.ofPattern("yyyy-MM"));
        String id = http.post(options.goalUrl() + "/reviews", managers.get(MARKETING),
                        Map.of("period", period, "department", MARKETING))
                .expect("creating the " + period + " review", 201).json().path("id").asText();
        http.post(options.goalUrl() + "/reviews/" + id + "/actions", managers.get(MARKETING),
                        Map.of("title", "新客户地推活动", "owner", owner(MARKETING),
                                "dueDate", today.plusDays(14).toString()))
                .expect("adding an action item to review " + id, 201);
        say("  review " + period + " of " + MARKETING + ": " + id);
        return id;
    }

    // ------------------------------------------------------------------------------------------------ Northwind

    /**
     * Creates the Northwind database (if missing) from the shared dump and defines its dataset and metrics; false,
     * with a note, when the dump or the database options are not there.
     */
    private boolean prepareNorthwind() {
        if (options.northwindSql() == null || !Files.isRegularFile(options.northwindSql())) {
            say("  Northwind skipped: " + (options.northwindSql() == null ? "no dump given"
                    : options.northwindSql() + " not found") + " (the rest of the demo does not need it)");
            return false;
        }
        if (options.dbUrl() == null) {
            say("  Northwind skipped: no database URL given");
            return false;
        }
        step("Northwind: database " + options.northwindDatabase() + " as the ERP");
        loadNorthwindDatabase();
        defineDataset(NORTHWIND_DATASET, "Northwind order lines (ERP)", List.of(
                field("order_id", "INTEGER", true), field("product_id", "INTEGER", true),
                field("customer_id", "STRING", true), field("order_date", "DATE", true),
                field("ship_country", "STRING", true), field("unit_price", "DECIMAL", true),
                field("quantity", "INTEGER", true), field("discount", "DECIMAL", true)),
                List.of("order_id", "product_id"), "northwind-erp");
        defineMetric(NORTHWIND_REVENUE, definition("Northwind revenue", "Order-line revenue: unit price × quantity × "
                + "(1 − discount), by order date", "USD", SALES, "SIMPLE", NORTHWIND_DATASET, Map.of(
                        "aggregation", "SUM", "expression", "unit_price * quantity * (1 - discount)",
                        "dimensions", List.of("ship_country"))));
        defineMetric(NORTHWIND_ORDERS, definition("Northwind orders", "Distinct orders, by order date", "orders",
                SALES, "SIMPLE", NORTHWIND_DATASET, Map.of("aggregation", "COUNT_DISTINCT", "expression", "order_id",
                        "rounding", Map.of("scale", 0, "mode", "HALF_UP"))));
        certify(NORTHWIND_REVENUE);
        certify(NORTHWIND_ORDERS);
        return true;
    }

    private void loadNorthwindDatabase() {
        String database = options.northwindDatabase();
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new DemoException("not a plain database name: " + database);
        }
        try (Connection server = DriverManager.getConnection(serverUrl("postgres"), options.dbUser(),
                options.dbPassword())) {
            boolean exists;
            try (PreparedStatement st = server.prepareStatement("select 1 from pg_database where datname = ?")) {
                st.setString(1, database);
                try (ResultSet rs = st.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement st = server.createStatement()) {
                    st.execute("create database " + database);
                }
            }
        } catch (SQLException e) {
            throw new DemoException("cannot create database " + database + " at " + serverUrl("postgres") + ": "
                    + e.getMessage());
        }
        try (Connection db = DriverManager.getConnection(serverUrl(database), options.dbUser(), options.dbPassword());
                Statement st = db.createStatement()) {
            boolean loaded;
            try (ResultSet rs = st.executeQuery("select to_regclass('public.order_details') is not null")) {
                loaded = rs.next() && rs.getBoolean(1);
            }
            if (loaded) {
                say("  database " + database + " already holds Northwind");
                return;
            }
            st.execute(Files.readString(options.northwindSql(), StandardCharsets.UTF_8));
            say("  loaded " + options.northwindSql() + " into " + database);
        } catch (SQLException | IOException e) {
            throw new DemoException("cannot load " + options.northwindSql() + " into " + database + ": "
                    + e.getMessage());
        }
    }

    /** The JDBC URL of {@code database} on the server of {@code dbUrl}. */
    String serverUrl(String database) {
        Matcher m = Pattern.compile("^(jdbc:postgresql://[^/]*)/[^?]*(\\?.*)?$").matcher(options.dbUrl());
        if (!m.matches()) {
            throw new DemoException("cannot read the server from the database URL " + options.dbUrl()
                    + " (expected jdbc:postgresql://host:port/db)");
        }
        return m.group(1) + "/" + database + (m.group(2) == null ? "" : m.group(2));
    }

    /** Creates the JDBC source over Northwind (once) and runs it to the end; the lines it published. */
    private long runNorthwind() {
        step("Northwind: JDBC source in ingest-service, one run");
        JsonNode sources = http.get(Http.url(options.ingestUrl(), "/sources",
                Map.of("dataset", NORTHWIND_DATASET, "limit", "500")), steward).expect("listing sources", 200).json();
        String source = null;
        for (JsonNode s : sources.path("items")) {
            if (NORTHWIND_SOURCE.equals(s.path("name").asText())) {
                source = s.path("id").asText();
            }
        }
        if (source == null) {
            Map<String, Object> jdbc = new LinkedHashMap<>();
            jdbc.put("url", serverUrl(options.northwindDatabase()));
            jdbc.put("user", options.dbUser());
            jdbc.put("password", options.dbPassword() == null ? "" : options.dbPassword());
            jdbc.put("query", NORTHWIND_QUERY);
            jdbc.put("mode", "FULL_REFRESH");
            source = http.post(options.ingestUrl() + "/sources", steward, Map.of("name", NORTHWIND_SOURCE,
                            "dataset", NORTHWIND_DATASET, "department", SOURCE_DEPARTMENT, "jdbc", jdbc))
                    .expect("creating the Northwind source", 201).json().path("id").asText();
        }
        String id = source;
        // ingest-service must know the dataset (from pacer.catalog) before a run is accepted
        String run = await("a run of the Northwind source", () -> {
            Http.Response r = http.post(options.ingestUrl() + "/sources/" + id + "/runs", steward, Map.of());
            if (r.is(202)) {
                return Optional.of(r.json().path("id").asText());
            }
            if (r.is(404, 409)) {
                lastProblem = r.describe();
                return Optional.empty();
            }
            throw new DemoException("starting a run of the Northwind source failed: " + r.describe());
        });
        JsonNode ended = await("the Northwind run to end", () -> {
            JsonNode r = http.get(options.ingestUrl() + "/sources/" + id + "/runs/" + run, steward)
                    .expect("reading the Northwind run", 200).json();
            String status = r.path("status").asText();
            return status.equals("QUEUED") || status.equals("RUNNING") ? Optional.empty() : Optional.of(r);
        });
        if (!"SUCCEEDED".equals(ended.path("status").asText())) {
            throw new DemoException("the Northwind run ended " + ended.path("status").asText() + ": "
                    + Http.abbreviate(ended.toString()));
        }
        long published = ended.path("published").asLong();
        say("  source " + id + ": run " + run + " SUCCEEDED, " + published + " order lines published");
        return published;
    }

    // ------------------------------------------------------------------------------------------------ output

    private void guide(String fy, String root, Map<String, String> goals, String review) {
        String customers = goals.getOrDefault("新增客户数", "<goal id>");
        say("");
        say("What to look at (a token: TOKEN=$(./pacer token --role admin)):");
        say("  Swagger UI    " + options.goalUrl() + "/q/swagger-ui   (and metric, alert, ingest on their ports)");
        say("  goal tree     curl -H \"Authorization: Bearer $TOKEN\" '" + options.goalUrl() + "/goals?period=" + fy
                + "'");
        say("  progress      curl -H \"Authorization: Bearer $TOKEN\" " + options.goalUrl() + "/goals/" + customers
                + "/progress");
        say("  alerts        curl -H \"Authorization: Bearer $TOKEN\" '" + options.alertUrl() + "/alerts?state=FIRING'");
        say("  scorecard     curl -G -H \"Authorization: Bearer $TOKEN\" " + options.goalUrl() + "/scorecards"
                + " --data-urlencode period=" + fy + " --data-urlencode department=" + MARKETING);
        if (review != null) {
            say("  review        curl -H \"Authorization: Bearer $TOKEN\" -H 'Accept: text/markdown' "
                    + options.goalUrl() + "/reviews/" + review);
        }
        say("  webhook       ./pacer logs webhook   (the alerts the demo inbox received, signatures checked)");
        say("  root goal     " + root);
    }

    private void step(String text) {
        say("• " + text);
    }

    private void say(String text) {
        out.println(text);
        out.flush();
    }

    // ------------------------------------------------------------------------------------------------ waiting

    /** What the last attempt of {@link #await} saw, for the timeout message. */
    private String lastProblem;

    private <T> T await(String what, Supplier<Optional<T>> attempt) {
        lastProblem = null;
        Instant deadline = Instant.now().plus(options.timeout());
        while (true) {
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DemoException("gave up after " + options.timeout().toSeconds() + " s waiting for " + what
                        + (lastProblem == null ? "" : " (last: " + lastProblem + ")"));
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoException("interrupted while waiting for " + what);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ options

    static String usage() {
        return """
                usage: DemoLoader --metric URL --goal URL --alert URL --ingest URL --key PEM --webhook-url URL
                                  --webhook-secret-file FILE [--issuer ISS] [--northwind-sql FILE] [--db-url JDBC]
                                  [--db-user U] [--db-password P] [--northwind-db NAME] [--time-zone ZONE]
                                  [--fiscal-year-start-month M] [--seed N] [--timeout SECONDS]
                the database password defaults to $PACER_DB_PASSWORD; the timeout (each wait) to 300 s""";
    }

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        Set<String> known = Set.of("--metric", "--goal", "--alert", "--ingest", "--key", "--issuer", "--webhook-url",
                "--webhook-secret-file", "--northwind-sql", "--db-url", "--db-user", "--db-password", "--northwind-db",
                "--time-zone", "--fiscal-year-start-month", "--seed", "--timeout");
        for (int i = 0; i < args.length; i++) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                throw new DemoException((known.contains(args[i]) ? args[i] + " needs a value" : "unknown option "
                        + args[i]) + "\n" + usage());
            }
            values.put(args[i], args[++i]);
        }
        for (String required : List.of("--metric", "--goal", "--alert", "--ingest", "--key", "--webhook-url",
                "--webhook-secret-file")) {
            if (!values.containsKey(required)) {
                throw new DemoException(required + " is required\n" + usage());
            }
        }
        String secret;
        Path secretFile = Path.of(values.get("--webhook-secret-file"));
        try {
            secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new DemoException("cannot read the webhook secret " + secretFile + ": " + e.getMessage());
        }
        try {
            return new Options(values.get("--metric"), values.get("--goal"), values.get("--alert"),
                    values.get("--ingest"), Path.of(values.get("--key")), values.getOrDefault("--issuer", "pacer-dev"),
                    values.get("--webhook-url"), secret,
                    values.containsKey("--northwind-sql") ? Path.of(values.get("--northwind-sql")) : null,
                    values.get("--db-url"), values.getOrDefault("--db-user", "postgres"),
                    values.getOrDefault("--db-password", Objects.requireNonNullElse(System.getenv("PACER_DB_PASSWORD"), "")),
                    values.getOrDefault("--northwind-db", "pacer_demo_northwind"),
                    ZoneId.of(values.getOrDefault("--time-zone", "UTC")),
                    Integer.parseInt(values.getOrDefault("--fiscal-year-start-month", "1")),
                    Long.parseLong(values.getOrDefault("--seed", String.valueOf(DemoData.DEFAULT_SEED))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("--timeout", "300"))));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new DemoException("bad option value: " + e.getMessage() + "\n" + usage());
        }
    }
}
