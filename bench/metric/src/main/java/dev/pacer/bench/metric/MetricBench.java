package dev.pacer.bench.metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pacer.bench.metric.OrderLines.Expected;
import dev.pacer.bench.metric.OrderLines.Line;
import dev.pacer.bench.support.ImageJvm;
import dev.pacer.bench.support.Jwt;
import dev.pacer.bench.support.Machine;
import dev.pacer.bench.support.RawCopy;
import dev.pacer.bench.support.Rest;
import dev.pacer.bench.support.ServiceProcess;
import dev.pacer.bench.support.ThreadCpu;
import dev.pacer.dev.kafka.KafkaBroker;
import dev.pacer.dev.kafka.KafkaBrokerMain;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import dev.pacer.events.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The metric-service benchmark (issue 3): sustained apply rate of {@code pacer.records} into stored, queryable metric
 * values; the raw PostgreSQL COPY rate of the same rows; and the latency of the values API over a million facts.
 * A real Kafka broker (in this JVM), a real metric-service process and a fresh database; everything on 127.0.0.1.
 * Not a test: it prints figures. Run it with {@code bench/metric/run.sh}.
 */
public final class MetricBench {
    static final String CONSUMER_GROUP = "metric-service";
    static final String DATASET = "bench_orders";
    static final String REVENUE = "bench_revenue";
    static final String ORDERS = "bench_orders_count";
    static final String AOV = "bench_avg_order_value";
    static final String ISSUER = "pacer-bench";
    static final LocalDate FIRST = LocalDate.of(2023, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 1, 1);
    static final int DAYS = (int) (END.toEpochDay() - FIRST.toEpochDay()); // 1096: three years
    /** The warm-up's three years (2019–2021): spread as the measured load's, so it runs the same code paths. */
    static final LocalDate WARMUP_FIRST = LocalDate.of(2019, 1, 1);
    static final double TARGET_APPLY_RATE = 50_000;
    static final double TARGET_P99_MS = 50;

    private final Options o;
    private final ObjectMapper eventJson = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<String> summary = new ArrayList<>();

    private KafkaBroker broker;
    private Admin admin;
    private KafkaProducer<String, byte[]> producer;
    private ServiceProcess service;
    private Rest rest;
    private Connection pg;
    private Cpu cpu;
    private boolean databaseCreated;
    private double lastMachineBusy;
    /** The last measured load's metric-service CPU seconds: all threads, and the JIT compiler threads among them. */
    private double lastServiceCpu;
    private double lastServiceJit;
    private String loadAtStart;
    private boolean cleanedUp;

    private MetricBench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        // The in-JVM broker is chatty (pacer-dev's simplelogger.properties keeps Kafka at WARN): errors only.
        for (String logger : List.of("defaultLogLevel", "log.kafka", "log.org.apache.kafka")) {
            if (System.getProperty("org.slf4j.simpleLogger." + logger) == null) {
                System.setProperty("org.slf4j.simpleLogger." + logger, "error");
            }
        }
        Options o = Options.parse(args);
        MetricBench bench = new MetricBench(o);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanup, "bench-cleanup"));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(o.maxMinutes));
                System.err.println("\nTIME LIMIT of " + o.maxMinutes + " min reached: stopping and cleaning up.");
                System.exit(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int code = 0;
        try {
            bench.run();
        } catch (Exception e) {
            System.err.println("\nBENCHMARK FAILED: " + e);
            e.printStackTrace();
            if (bench.service != null) {
                System.err.println("metric-service log: " + bench.service.log());
            }
            code = 1;
        } finally {
            bench.cleanup();
        }
        System.exit(code);
    }

    // ------------------------------------------------------------------------------------------------ the run

    private void run() throws Exception {
        Files.createDirectories(o.workDir);
        loadAtStart = loadAverage();
        say("Pacer metric-service benchmark — %s", Instant.now());
        say("  machine: %d cores, load average %s; JVM %s", Runtime.getRuntime().availableProcessors(), loadAverage(),
                System.getProperty("java.version"));
        say("  service: %s (built %s)", o.app, Files.getLastModifiedTime(o.app));
        say("  records %,d (+%,d warm-up), query facts %,d, queries %,d after %,d warm-up, order %s",
                o.records, o.warmupRecords, o.queryFacts, o.queries, o.queryWarmup, o.order);

        startDatabase();
        startKafka();
        startService();
        defineCatalog();
        awaitConsumerAssigned();
        producer = newProducer();
        cpu = new Cpu(service.pid(), o.database);

        // ---- warm-up: the same code paths (three years of dates, as measured), in other years, so JIT and pools are
        // warm for the measured run; the JIT's share that remains is printed with each load
        Expected all = new Expected();
        if (o.warmupRecords > 0) {
            Expected warm = new Expected();
            List<Line> lines = OrderLines.generate(o.warmupRecords, 7, 900_000_000L, WARMUP_FIRST, DAYS, warm);
            Applied w = sendAndAwait("warm-up", lines, warm, WARMUP_FIRST, WARMUP_FIRST.plusYears(3), false);
            say("  warm-up: %,d records (2019–2021) applied in %.1f s (%,.0f records/s), not counted", lines.size(),
                    w.seconds(), w.rate());
        }

        // ---- 1. sustained apply rate
        say("%n1. Sustained apply rate: %,d order lines, Kafka → metric-service → stored, queryable values", o.records);
        List<Line> lines = OrderLines.generate(o.records, 42, 1, FIRST, DAYS, all);
        if (o.order.equals("shuffled")) {
            Collections.shuffle(lines, new Random(7));
        }
        Applied applied = sendAndAwait("apply", lines, all, FIRST, END, o.profile);
        verifyOtherMetrics(all, REVENUE, ORDERS, AOV);
        double applyRate = applied.rate();
        summary.add(String.format("1. apply rate, Kafka → queryable values (%,d records%s): %,.0f records/s   "
                + "[target ≥ %,.0f: %s]", o.records, o.backlog ? " waiting in Kafka" : ", produced meanwhile",
                applyRate, TARGET_APPLY_RATE,
                applyRate >= TARGET_APPLY_RATE ? "MET" : String.format("NOT MET, %.0f%% of target",
                        100 * applyRate / TARGET_APPLY_RATE)));
        summary.add(String.format("   (values correct after %.2f s = %,.0f records/s; offsets committed after %.2f s; "
                + "produced in %.2f s = %,.0f records/s)", applied.valuesSeconds, o.records / applied.valuesSeconds,
                applied.committedSeconds, applied.sentSeconds, o.records / applied.sentSeconds));
        summary.add(String.format("   (machine %.0f%% busy during the run, including other users' work; load average "
                + "at start %s)", lastMachineBusy, loadAtStart));
        summary.add(String.format("   (metric-service CPU %.1f s, of which the JIT compiler %.1f s = %.0f%%: a fresh JVM still compiling "
                + "after %,d warm-up records)", lastServiceCpu, lastServiceJit,
                lastServiceCpu <= 0 ? 0 : 100 * lastServiceJit / lastServiceCpu, o.warmupRecords));

        // ---- 2. raw COPY of the same rows
        say("%n2. Raw PostgreSQL COPY of the same %,d rows (PgJDBC CopyManager, one COPY per run)", lines.size());
        double copyRate = copyBenchmark(lines);
        summary.add(String.format("2. raw COPY of the same rows (unlogged, no index): %,.0f rows/s; "
                + "apply/COPY = %.3f (%.1f%%)", copyRate, applyRate / copyRate, 100 * applyRate / copyRate));

        // ---- 3. query latency over a million facts
        int topUp = o.queryFacts - o.records - o.warmupRecords;
        say("%n3. Query latency over %,d facts", o.queryFacts);
        String key = REVENUE;
        String loadedHow;
        lines = null;
        if (topUp > 0) {
            String mode = o.load3;
            if (mode.equals("auto")) {
                double estimate = 1.5 * topUp / applyRate;
                mode = estimate <= o.load3BudgetSeconds ? "kafka" : "copy";
                say("  top-up of %,d facts: at %,.0f records/s through Kafka ≈ %.0f s (×1.5 for the growing table); "
                        + "budget %d s → %s", topUp, applyRate, estimate, o.load3BudgetSeconds, mode);
            }
            List<Line> more = OrderLines.generate(topUp, 43, 100_000_000L, FIRST, DAYS, all);
            if (mode.equals("kafka")) {
                Applied a = sendAndAwait("top-up", more, all, FIRST, END, o.profile);
                verifyOtherMetrics(all, REVENUE, ORDERS, AOV);
                loadedHow = String.format("all through Kafka and the service's consumer; the %,d-record top-up applied "
                        + "at %,.0f records/s", topUp, a.rate());
            } else {
                key = loadByCopyAndRecompute(more, all);
                loadedHow = String.format("%,d through Kafka, %,d COPYed straight into metric.fact, then values computed"
                        + " by the service's own recomputation of newly defined metrics", o.records + o.warmupRecords,
                        topUp);
            }
            more = null;
        } else {
            loadedHow = "all through Kafka";
        }
        long facts = scalar("select count(*) from metric.fact where dataset = '" + DATASET + "' and not deleted");
        say("  facts stored: %,d (%s)", facts, loadedHow);
        awaitQuiet();
        Latency total = queryLatency(key, null);
        Latency grouped = queryLatency(key, "ship_country");
        summary.add(String.format("3. values query over %,d facts, %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms   "
                + "[target p99 < %.0f ms: %s]", facts, total.what, total.p50, total.p99, total.max, TARGET_P99_MS,
                total.p99 < TARGET_P99_MS ? "MET" : "NOT MET"));
        summary.add(String.format("   same with groupBy=ship_country (%d points): p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                grouped.points, grouped.p50, grouped.p99, grouped.max));
        summary.add("   facts loaded: " + loadedHow);

        // ---- 4. a redefinition while records keep arriving
        if (o.redefineRate > 0) {
            boolean main = key.equals(REVENUE);
            String orders = main ? ORDERS : ORDERS + "_all";
            say("%n4. Redefining %s (COUNT_DISTINCT over %,d facts: its day state is rebuilt and its history "
                    + "recomputed) while order lines keep arriving at %,d records/s", orders, facts, o.redefineRate);
            Redefined r = redefineUnderLoad(orders, all);
            awaitOrders(all, orders);
            verifyOtherMetrics(all, key, orders, main ? AOV : AOV + "_all");
            summary.add(String.format("4. redefining %s over %,d facts while %,d records/s arrive: recomputation "
                    + "%.1f s; record → stored fact while it ran: p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms (%d probes; "
                    + "before it: p50 %,.0f ms, max %,.0f ms)", orders, facts, o.redefineRate, r.jobSeconds,
                    r.during.p50, r.during.p99, r.during.max, r.during.points, r.before.p50, r.before.max));
        }

        Machine.Memory memory = Machine.memory(service.pid());
        summary.add(String.format("   metric-service memory: VmRSS %,d MiB now, %,d MiB at its peak (JVM options: %s)",
                memory.residentMiB(), memory.peakMiB(), String.join(" ", serviceJvm(o))));

        say("%n==================== SUMMARY (metric-service, %d cores shared, load avg now %s) ====================",
                Runtime.getRuntime().availableProcessors(), loadAverage());
        summary.forEach(line -> say("%s", line));
        say("Targets (issue 3): ≥ 50,000 records/s applied; values query p99 < 50 ms.");
        say("======================================================================================================");
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private void startDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(o.jdbc("postgres"), o.dbUser, o.dbPassword);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + o.database + " with (force)");
            s.execute("create database " + o.database);
        }
        databaseCreated = true;
        pg = DriverManager.getConnection(o.jdbc(o.database), o.dbUser, o.dbPassword);
        if (!o.dbSettings.isBlank()) {
            try (Statement s = pg.createStatement()) {
                for (String setting : o.dbSettings.split(",")) {
                    String[] kv = setting.split("=", 2);
                    if (!kv[0].trim().matches("[a-z_.]+") || !kv[1].trim().matches("[A-Za-z0-9_.]+")) {
                        throw new IllegalArgumentException("bad --db-settings entry " + setting);
                    }
                    s.execute("alter database " + o.database + " set " + kv[0].trim() + " = '" + kv[1].trim() + "'");
                }
            }
            say("  EXPERIMENT: database settings for the service's connections: %s", o.dbSettings);
        }
        say("  database %s created", o.database);
    }

    private void startKafka() throws Exception {
        Path dir = o.workDir.resolve("kafka");
        deleteTree(dir);
        broker = KafkaBroker.start(dir, 0, 0);
        KafkaBrokerMain.createTopics(broker.bootstrapServers());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        say("  Kafka broker (in this JVM) on %s, topics created (%d partitions each)", broker.bootstrapServers(),
                KafkaBrokerMain.PARTITIONS);
    }

    private void startService() throws Exception {
        Jwt jwt = new Jwt();
        Path publicKey = o.workDir.resolve("jwt-public.pem");
        Files.writeString(publicKey, jwt.publicKeyPem());
        int port = KafkaBroker.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PACER_DB_URL", o.jdbc(o.database));
        env.put("PACER_DB_USER", o.dbUser);
        env.put("PACER_DB_PASSWORD", o.dbPassword);
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("PACER_JWT_PUBLIC_KEY_LOCATION", publicKey.toAbsolutePath().toString());
        env.put("PACER_JWT_ISSUER", ISSUER);
        env.put("PACER_METRIC_PORT", Integer.toString(port));
        env.put("PACER_HTTP_HOST", "127.0.0.1");
        env.put("PACER_TIME_ZONE", "UTC");
        env.put("PACER_FISCAL_YEAR_START_MONTH", "1");
        List<String> jvm = serviceJvm(o);
        long t = System.nanoTime();
        service = ServiceProcess.start("metric-service", o.app, jvm, env, o.workDir.resolve("metric-service.log"),
                o.workDir.resolve("metric-service.pid"));
        String base = "http://127.0.0.1:" + port;
        service.awaitReady(base, Duration.ofSeconds(180));
        rest = new Rest(base, jwt.token(ISSUER, "bench", List.of("steward"), List.of("sales"), Duration.ofHours(12)));
        say("  metric-service pid %d ready on %s in %.1f s (JVM options: %s; log %s)", service.pid(), base,
                (System.nanoTime() - t) / 1e9, jvm, service.log());
        if (jvm.stream().anyMatch(a -> a.startsWith("-D"))) {
            say("  EXPERIMENT: the service's configuration is overridden by %s",
                    jvm.stream().filter(a -> a.startsWith("-D")).toList());
        }
    }

    /**
     * metric-service's JVM options: the garbage collector of its container image (read from its Dockerfile, so the
     * bench measures the service as shipped) unless {@code --service-java-opts} picks one, then those options.
     */
    static List<String> serviceJvm(Options o) {
        List<String> own = new ArrayList<>(Arrays.asList(o.serviceJavaOpts.trim().split("\\s+")));
        own.removeIf(String::isBlank);
        List<String> jvm = new ArrayList<>();
        if (own.stream().noneMatch(a -> a.matches("-XX:\\+Use\\w+GC"))) {
            jvm.addAll(ImageJvm.gcOptions(o.dockerfile));
        }
        jvm.addAll(own);
        return jvm;
    }

    private void defineCatalog() {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", "Bench order lines");
        definition.put("description", "Synthetic ERP order lines for the metric-service benchmark");
        definition.put("fields", List.of(
                field("order_id", "INTEGER"), field("customer_id", "STRING"), field("order_date", "DATE"),
                field("ship_country", "STRING"), field("product_id", "INTEGER"), field("unit_price", "DECIMAL"),
                field("quantity", "INTEGER"), field("discount", "DECIMAL")));
        definition.put("primaryKey", List.of("order_id", "product_id"));
        definition.put("eventTimeField", "order_date");
        definition.put("ownerDepartment", "sales");
        definition.put("sourceSystem", OrderLines.DATASET_SOURCE);
        rest.create("/datasets", Map.of("key", DATASET, "definition", definition));
        defineMetrics(REVENUE, ORDERS, AOV);
        say("  dataset %s and metrics %s (SUM by ship_country), %s (COUNT_DISTINCT), %s (RATIO) defined over REST",
                DATASET, REVENUE, ORDERS, AOV);
    }

    /** Defines revenue, order count and their ratio; returns the recomputation paths of the three. */
    private List<String> defineMetrics(String revenue, String orders, String aov) {
        List<String> jobs = new ArrayList<>();
        Map<String, Object> r = metric("Revenue", "USD", "SIMPLE");
        r.put("aggregation", "SUM");
        r.put("expression", "unit_price * quantity * (1 - discount)");
        r.put("dimensions", List.of("ship_country"));
        r.put("rounding", Map.of("scale", 2, "mode", "HALF_UP"));
        jobs.add(recomputation(rest.create("/metrics", Map.of("key", revenue, "definition", r))));
        Map<String, Object> n = metric("Orders", "orders", "SIMPLE");
        n.put("aggregation", "COUNT_DISTINCT");
        n.put("expression", "order_id");
        n.put("rounding", Map.of("scale", 0, "mode", "HALF_UP"));
        jobs.add(recomputation(rest.create("/metrics", Map.of("key", orders, "definition", n))));
        Map<String, Object> a = metric("Average order value", "USD", "RATIO");
        a.remove("dataset");
        a.put("numerator", revenue);
        a.put("denominator", orders);
        a.put("rounding", Map.of("scale", 2, "mode", "HALF_UP"));
        jobs.add(recomputation(rest.create("/metrics", Map.of("key", aov, "definition", a))));
        return jobs;
    }

    private static Map<String, Object> field(String name, String type) {
        return Map.of("name", name, "type", type, "required", true);
    }

    private static Map<String, Object> metric(String name, String unit, String kind) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("description", name + " of the bench order lines");
        d.put("unit", unit);
        d.put("direction", "HIGHER_IS_BETTER");
        d.put("ownerDepartment", "sales");
        d.put("steward", "bench");
        d.put("kind", kind);
        d.put("dataset", DATASET);
        return d;
    }

    private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?recomputation\"?");

    private static String recomputation(HttpResponse<String> created) {
        for (String link : created.headers().allValues("Link")) {
            Matcher m = LINK.matcher(link);
            if (m.find()) {
                String uri = m.group(1);
                return uri.substring(uri.indexOf("/recomputations/"));
            }
        }
        return null;
    }

    private void awaitConsumerAssigned() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(CONSUMER_GROUP)).all()
                    .get(10, TimeUnit.SECONDS).get(CONSUMER_GROUP);
            long assigned = g.members().stream().mapToLong(m -> m.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(Topics.RECORDS)).count()).sum();
            if (assigned == KafkaBrokerMain.PARTITIONS) {
                say("  consumer group %s has all %d partitions of %s assigned (%d consumers)", CONSUMER_GROUP,
                        assigned, Topics.RECORDS, g.members().size());
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("consumer group " + CONSUMER_GROUP + " did not get its partitions in 90 s");
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 512L * 1024 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, o.compression);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    // ------------------------------------------------------------------------------------------------ 1. apply

    record Applied(double sentSeconds, double valuesSeconds, double committedSeconds, int records) {
        double seconds() {
            return Math.max(valuesSeconds, committedSeconds);
        }

        double rate() {
            return records / seconds();
        }
    }

    /**
     * Sends the lines as RecordChanged CloudEvents and waits until (a) the yearly revenue over REST equals the exact
     * expected sums of [from, to) and (b) the consumer group has committed the end offsets of pacer.records.
     */
    private Applied sendAndAwait(String what, List<Line> lines, Expected expected, LocalDate from, LocalDate to,
            boolean profile) throws Exception {
        long tg = System.nanoTime();
        String[] keys = new String[lines.size()];
        byte[][] values = new byte[lines.size()][];
        OffsetDateTime ingestedAt = OffsetDateTime.now(ZoneOffset.UTC);
        long bytes = 0;
        for (int i = 0; i < keys.length; i++) {
            Line l = lines.get(i);
            RecordChanged rc = event(l, ingestedAt);
            keys[i] = rc.kafkaKey();
            values[i] = bytes(rc);
            bytes += values[i].length;
        }
        Map<Integer, BigDecimal> expectedRevenue = new TreeMap<>();
        expected.revenueRounded().forEach((y, v) -> {
            if (!LocalDate.of(y, 1, 1).isBefore(from) && LocalDate.of(y, 1, 1).isBefore(to)) {
                expectedRevenue.put(y, v);
            }
        });
        if (what.equals("apply")) {
            say("  generated and serialised %,d RecordChanged CloudEvents in %.1f s (avg %d bytes; not timed); "
                    + "expected revenue per year %s", keys.length, (System.nanoTime() - tg) / 1e9,
                    bytes / keys.length, expectedRevenue);
        }

        boolean backlog = o.backlog && !what.equals("warm-up");
        ActivitySampler sampler = profile && !backlog
                ? new ActivitySampler(o.jdbc(o.database), o.dbUser, o.dbPassword, o.database, o.profileIntervalMillis)
                : null;
        long valueEventsBefore = sum(endOffsets(Topics.METRIC_VALUES));
        double collected = Machine.collectOwnHeap();
        if (what.equals("apply")) {
            say("  bench JVM: full collection of its own heap before the clock (the serialised records): %.1f s",
                    collected);
        }
        Cpu.Snapshot before = cpu.snapshot(pg);
        Map<String, Double> threadsBefore = ThreadCpu.snapshot(service.pid());
        Map<String, Double> ownBefore = ThreadCpu.snapshot(ProcessHandle.current().pid());
        double[] roundsBefore = refreshRounds();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        if (backlog) {
            // the service is paused (SIGSTOP) while the records are produced, so they wait in Kafka as after an outage
            signal("STOP");
        }
        long t0 = System.nanoTime();
        double sent;
        boolean produced = false;
        try {
            for (int i = 0; i < keys.length; i++) {
                producer.send(new ProducerRecord<>(Topics.RECORDS, keys[i], values[i]), (md, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            sent = (System.nanoTime() - t0) / 1e9;
            produced = failed.get() == 0;
        } finally {
            if (backlog && !produced) {
                signal("CONT"); // so that the clean-up can stop it gracefully
            }
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records could not be sent", firstFailure.get());
        }
        keys = null;
        values = null;
        if (backlog) {
            // the records wait in Kafka: the clock and the CPU readings start when the service resumes
            try {
                before = cpu.snapshot(pg);
                threadsBefore = ThreadCpu.snapshot(service.pid());
                ownBefore = ThreadCpu.snapshot(ProcessHandle.current().pid());
                sampler = profile ? new ActivitySampler(o.jdbc(o.database), o.dbUser, o.dbPassword, o.database,
                        o.profileIntervalMillis) : null;
            } finally {
                t0 = System.nanoTime();
                signal("CONT");
            }
        }
        Map<TopicPartition, Long> ends = endOffsets(Topics.RECORDS);

        double valuesAt = -1;
        double committedAt = -1;
        long deadline = t0 + TimeUnit.SECONDS.toNanos(o.applyTimeoutSeconds);
        long lastReport = System.nanoTime();
        long lastValuesPoll = 0;
        String path = "/metrics/" + REVENUE + "/values?grain=YEAR&from=" + from + "&to=" + to;
        while (valuesAt < 0 || committedAt < 0) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException(what + ": not applied within " + o.applyTimeoutSeconds + " s (values "
                        + (valuesAt < 0 ? "incomplete: " + yearly(path) + " vs " + expectedRevenue : "complete")
                        + ", offsets " + (committedAt < 0 ? "not committed: " + committed() + " vs " + ends
                        : "committed") + ")");
            }
            if (valuesAt < 0 && now - lastValuesPoll >= TimeUnit.MILLISECONDS.toNanos(200)) {
                lastValuesPoll = now;
                if (yearly(path).equals(expectedRevenue)) {
                    valuesAt = (System.nanoTime() - t0) / 1e9;
                }
            }
            if (committedAt < 0 && isCommitted(ends)) {
                committedAt = (System.nanoTime() - t0) / 1e9;
            }
            if (now - lastReport > TimeUnit.SECONDS.toNanos(30)) {
                lastReport = now;
                long done = committed().values().stream().mapToLong(Long::longValue).sum();
                long end = ends.values().stream().mapToLong(Long::longValue).sum();
                System.out.printf("    … %s: %.0f s, committed %,d of %,d offsets%n", what, (now - t0) / 1e9, done, end);
            }
            Thread.sleep(50);
        }
        Cpu.Snapshot after = cpu.snapshot(pg);
        Map<String, Double> threadsAfter = ThreadCpu.snapshot(service.pid());
        Map<String, Double> ownAfter = ThreadCpu.snapshot(ProcessHandle.current().pid());
        double[] roundsAfter = refreshRounds();
        if (sampler != null) {
            sampler.close();
        }
        Applied a = new Applied(sent, valuesAt, committedAt, lines.size());
        awaitOutboxDrained();
        long valueEvents = sum(endOffsets(Topics.METRIC_VALUES)) - valueEventsBefore;
        if (!what.equals("warm-up")) {
            say("  produced %,d records in %.2f s (%,.0f records/s, acks=all, linger 20 ms, 512 KiB batches, "
                    + "compression %s)", lines.size(), sent, lines.size() / sent, o.compression);
            say("  yearly revenue via REST equals the expected sums after %.2f s (%,.0f records/s)", valuesAt,
                    lines.size() / valuesAt);
            say("  consumer group %s committed the end offsets after %.2f s", CONSUMER_GROUP, committedAt);
            say("  → %s rate (%s → values queryable and offsets committed): %,.0f records/s", what,
                    backlog ? "service resumed with all of them waiting in Kafka" : "first send", a.rate());
            say("  %s", Cpu.describe(before, after));
            lastMachineBusy = Cpu.machineBusy(before, after);
            lastServiceCpu = ThreadCpu.total(threadsBefore, threadsAfter);
            lastServiceJit = ThreadCpu.jit(threadsBefore, threadsAfter);
            say("  metric-service CPU by thread: %s", ThreadCpu.between(threadsBefore, threadsAfter, 8));
            say("  bench JVM CPU by thread: %s", ThreadCpu.between(ownBefore, ownAfter, 6));
            say("  metric values changed and published to %s: %,d events (%.2f per record)", Topics.METRIC_VALUES,
                    valueEvents, (double) valueEvents / lines.size());
            double rounds = roundsAfter[0] - roundsBefore[0];
            say("  value refresh rounds of %s: %,.0f, %.0f ms each on average (pacer.values.refresh.round)", DATASET,
                    rounds, rounds > 0 ? (roundsAfter[1] - roundsBefore[1]) * 1000 / rounds : 0);
            if (sampler != null) {
                double[] b = sampler.batches();
                say("  consumer batch transactions seen: %,.0f (≈ %,.0f records each), each open ≈ %.0f ms on average",
                        b[0], lines.size() / Math.max(1, b[0]), b[1]);
                say("  database-side profile (pg_stat_activity sampling of the bench database):%n%s",
                        sampler.report());
            }
        }
        return a;
    }

    /** Sends a signal (STOP, CONT) to the service process. */
    private void signal(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-" + name, Long.toString(service.pid())).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + service.pid() + " failed");
        }
    }

    /** The bench dataset's value refresh rounds so far: count and seconds, from the service's Prometheus metrics. */
    private double[] refreshRounds() {
        double[] out = new double[2];
        HttpResponse<String> r = rest.getText("/q/metrics");
        if (r.statusCode() != 200) {
            return out;
        }
        for (String line : r.body().split("\n")) {
            if (line.startsWith("pacer_values_refresh_round_seconds_")
                    && line.contains("dataset=\"" + DATASET + "\"")) {
                double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("pacer_values_refresh_round_seconds_count")) {
                    out[0] = v;
                } else if (line.startsWith("pacer_values_refresh_round_seconds_sum")) {
                    out[1] = v;
                }
            }
        }
        return out;
    }

    private Map<Integer, BigDecimal> yearly(String path) {
        HttpResponse<String> r = rest.get(path);
        Map<Integer, BigDecimal> out = new TreeMap<>();
        if (r.statusCode() != 200) {
            return out;
        }
        for (JsonNode v : Rest.parse(r.body()).path("values")) {
            if (!v.path("value").isNull() && !v.path("value").isMissingNode()) {
                out.put(LocalDate.parse(v.path("periodStart").asText()).getYear(),
                        v.path("value").decimalValue().setScale(2));
            }
        }
        return out;
    }

    private void verifyOtherMetrics(Expected expected, String revenue, String orders, String aov) {
        Map<Integer, BigDecimal> wantOrders = yearlyOrders(expected);
        Map<Integer, BigDecimal> wantAov = new TreeMap<>(expected.averageOrderValue());
        wantAov.keySet().removeIf(y -> y < FIRST.getYear());
        String range = "/values?grain=YEAR&from=" + FIRST + "&to=" + END;
        Map<Integer, BigDecimal> gotOrders = yearly("/metrics/" + orders + range);
        Map<Integer, BigDecimal> gotAov = yearly("/metrics/" + aov + range);
        boolean ok = gotOrders.equals(wantOrders) && gotAov.equals(wantAov);
        say("  check: yearly %s %s and %s %s equal the expected values: %s", orders, gotOrders.values(), aov,
                gotAov.values(), ok ? "yes" : "NO — expected " + wantOrders.values() + " and " + wantAov.values());
        if (!ok) {
            throw new IllegalStateException("metric values differ from the expected ones");
        }
    }

    /** The expected order count per year of the measured years, as the values API prints it. */
    private static Map<Integer, BigDecimal> yearlyOrders(Expected expected) {
        Map<Integer, BigDecimal> out = new TreeMap<>();
        expected.orders.forEach((y, n) -> {
            if (y >= FIRST.getYear()) {
                out.put(y, BigDecimal.valueOf(n).setScale(2));
            }
        });
        return out;
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private void awaitOutboxDrained() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (scalar("select count(*) from metric.outbox_event") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < KafkaBrokerMain.PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, r) -> ends.put(tp, r.offset()));
        return ends;
    }

    private Map<TopicPartition, Long> committed() {
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets(CONSUMER_GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            c.forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, om.offset());
                }
            });
            return out;
        } catch (Exception e) {
            return Map.of();
        }
    }

    private boolean isCommitted(Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> c = committed();
        return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                || c.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    // ------------------------------------------------------------------------------------------------ 4. redefinition

    /** A redefinition under load: how long its recomputation ran, and the records' latency to stored facts. */
    record Redefined(double jobSeconds, Latency before, Latency during) {
    }

    /**
     * Feeds new order lines at {@code --redefine-rate} per second (ten bursts a second), redefines {@code metric}
     * (a new version: its day state is rebuilt, its history recomputed) after 5 s, and keeps feeding until 5 s after
     * its recomputation finished. The first line of each burst is a probe: the time from its send to its fact being
     * stored (polled every 20 ms by primary key) shows whether the records waited for the rebuild. Waits until every
     * line is applied; the lines are added to {@code all}.
     */
    private Redefined redefineUnderLoad(String metric, Expected all) throws Exception {
        HttpResponse<String> current = rest.get("/metrics/" + metric);
        check(current, "/metrics/" + metric);
        JsonNode definition = Rest.parse(current.body()).path("definition");
        ((ObjectNode) definition).put("description",
                "Orders of the bench order lines (redefined by the bench)");
        Map<String, Object> change = Map.of("definition", definition, "reason", "bench: a redefinition under load");
        String etag = current.headers().firstValue("ETag").orElseThrow();

        Map<String, Long> probesSent = new ConcurrentHashMap<>();
        Map<String, Long> probesStored = new ConcurrentHashMap<>();
        AtomicBoolean feeding = new AtomicBoolean(true);
        Thread checker = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(o.jdbc(o.database), o.dbUser, o.dbPassword);
                    PreparedStatement ps = c.prepareStatement(
                            "select pk from metric.fact where dataset = ? and pk = any (?)")) {
                ps.setString(1, DATASET);
                while (feeding.get() || probesStored.size() < probesSent.size()) {
                    List<String> waiting = new ArrayList<>();
                    probesSent.keySet().forEach(pk -> {
                        if (!probesStored.containsKey(pk)) {
                            waiting.add(pk);
                        }
                    });
                    if (!waiting.isEmpty()) {
                        ps.setArray(2, c.createArrayOf("text", waiting.toArray()));
                        try (ResultSet rs = ps.executeQuery()) {
                            long now = System.nanoTime();
                            while (rs.next()) {
                                probesStored.put(rs.getString(1), now);
                            }
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                say("  probe checker failed: %s", e);
            }
        }, "probe-checker");
        checker.setDaemon(true);
        checker.start();

        long t0 = System.nanoTime();
        long putAt = 0;
        long started = 0;
        long finished = 0;
        String job = null;
        int burst = Math.max(1, o.redefineRate / 10);
        int second = 0;
        long deadline = t0 + TimeUnit.SECONDS.toNanos(o.applyTimeoutSeconds);
        while (finished == 0 || System.nanoTime() < finished + TimeUnit.SECONDS.toNanos(5)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the recomputation of " + metric + " did not finish within "
                        + o.applyTimeoutSeconds + " s");
            }
            Expected chunk = new Expected();
            List<Line> lines = OrderLines.generate(burst * 10, 1000 + second, 300_000_000L + second * 10_000_000L,
                    FIRST, DAYS, chunk);
            for (int b = 0; b < 10; b++) {
                long due = t0 + TimeUnit.MILLISECONDS.toNanos(second * 1000L + b * 100L);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                for (int i = b * burst; i < (b + 1) * burst; i++) {
                    Line l = lines.get(i);
                    if (i == b * burst) {
                        probesSent.put(l.pk(), System.nanoTime());
                    }
                    RecordChanged rc = event(l, OffsetDateTime.now(ZoneOffset.UTC));
                    producer.send(new ProducerRecord<>(Topics.RECORDS, rc.kafkaKey(), bytes(rc)));
                }
                producer.flush();
                if (job == null && System.nanoTime() - t0 >= TimeUnit.SECONDS.toNanos(5)) {
                    putAt = System.nanoTime();
                    HttpResponse<String> r = rest.put("/metrics/" + metric, change, Map.of("If-Match", etag));
                    check(r, "PUT /metrics/" + metric);
                    job = recomputation(r);
                } else if (job != null && finished == 0) {
                    String status = rest.getJson(job).path("status").asText();
                    if (status.equals("RUNNING") && started == 0) {
                        started = System.nanoTime();
                    } else if (status.equals("SUCCEEDED")) {
                        started = started == 0 ? putAt : started;
                        finished = System.nanoTime();
                    } else if (status.equals("FAILED")) {
                        throw new IllegalStateException("recomputation " + job + " failed: " + rest.get(job).body());
                    }
                }
            }
            all.addAll(chunk);
            second++;
        }
        feeding.set(false);
        checker.join(TimeUnit.SECONDS.toMillis(o.applyTimeoutSeconds));
        JsonNode j = rest.getJson(job);
        double jobSeconds = Duration.between(OffsetDateTime.parse(j.path("startedAt").asText()),
                OffsetDateTime.parse(j.path("finishedAt").asText())).toMillis() / 1e3;
        say("  fed %,d order lines in %d s; PUT /metrics/%s after %.1f s; its recomputation ran %.1f s (seen running "
                + "%.1f–%.1f s)", second * burst * 10, second, metric, (putAt - t0) / 1e9, jobSeconds,
                (started - t0) / 1e9, (finished - t0) / 1e9);
        List<Double> before = new ArrayList<>();
        List<Double> during = new ArrayList<>();
        for (var e : probesSent.entrySet()) {
            Long stored = probesStored.get(e.getKey());
            if (stored == null) {
                throw new IllegalStateException("probe " + e.getKey() + " was never stored");
            }
            double ms = (stored - e.getValue()) / 1e6;
            if (e.getValue() < putAt) {
                before.add(ms);
            } else if (e.getValue() >= started && e.getValue() <= finished) {
                during.add(ms);
            }
        }
        Latency b = Latency.of("before", before);
        Latency d = Latency.of("during", during);
        say("  record → stored fact: before the redefinition p50 %,.0f ms, max %,.0f ms (%d probes); while its "
                + "recomputation ran p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms (%d probes)", b.p50, b.max, b.points,
                d.p50, d.p99, d.max, d.points);
        Map<TopicPartition, Long> ends = endOffsets(Topics.RECORDS);
        while (!isCommitted(ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the fed records were not applied in time");
            }
            Thread.sleep(100);
        }
        awaitQuiet();
        return new Redefined(jobSeconds, b, d);
    }

    /** Waits (up to 120 s) until the yearly order counts are the expected ones: the last round may still be running. */
    private void awaitOrders(Expected expected, String orders) throws InterruptedException {
        Map<Integer, BigDecimal> want = yearlyOrders(expected);
        long t = System.nanoTime();
        String path = "/metrics/" + orders + "/values?grain=YEAR&from=" + FIRST + "&to=" + END;
        while (!yearly(path).equals(want) && System.nanoTime() - t < TimeUnit.SECONDS.toNanos(120)) {
            Thread.sleep(200);
        }
        say("  values of %s current %.1f s after the last record was applied", orders, (System.nanoTime() - t) / 1e9);
    }

    /** An order line as ingest-service publishes it (version 1: each line is sent once). */
    private static RecordChanged event(Line l, OffsetDateTime ingestedAt) {
        return new RecordChanged(DATASET, l.pk(), RecordOperation.UPSERT, OrderLines.DATASET_SOURCE, 1, null,
                l.fields(), ingestedAt);
    }

    private byte[] bytes(RecordChanged rc) throws IOException {
        return eventJson.writeValueAsBytes(CloudEvent.of(EventSources.INGEST_SERVICE, rc));
    }

    // ------------------------------------------------------------------------------------------------ 2. COPY

    private double copyBenchmark(List<Line> lines) throws Exception {
        byte[] data = copyData(lines);
        say("  %,d rows, %.1f MB in FactStore's binary COPY format (built beforehand, not timed)", lines.size(),
                data.length / 1e6);
        double best = RawCopy.unloggedRate(pg, data, lines.size(), 2, line -> say("%s", line));
        try (Statement s = pg.createStatement()) {
            s.execute("create table public.bench_copy_fact (like metric.fact including all)");
            double secs = copy("copy public.bench_copy_fact " + RawCopy.COLUMNS + " from stdin " + RawCopy.FORMAT,
                    data);
            say("  for reference: COPY into a logged copy of metric.fact (primary key + partial index): %.2f s = "
                    + "%,.0f rows/s", secs, lines.size() / secs);
            s.execute("drop table public.bench_copy_fact");
        }
        say("  → raw COPY rate (best of 2): %,.0f rows/s", best);
        return best;
    }

    private double copy(String sql, byte[] data) throws Exception {
        return RawCopy.copy(pg, sql, data);
    }

    /** The rows as FactStore writes them for COPY (binary, fields as jsonb). */
    private static byte[] copyData(List<Line> lines) throws IOException {
        List<RawCopy.Row> rows = new ArrayList<>(lines.size());
        for (Line l : lines) {
            rows.add(new RawCopy.Row(l.pk(), l.date(), l.fields()));
        }
        return RawCopy.binary(DATASET, rows);
    }

    // ------------------------------------------------------------------------------------------------ 3. queries

    /**
     * The fallback when Kafka is too slow on this machine: COPY the rest of the facts straight into metric.fact and let
     * the service compute their values by defining fresh metrics (version 1 of a metric recomputes its whole history).
     * Returns the revenue metric's key.
     */
    private String loadByCopyAndRecompute(List<Line> more, Expected all) throws Exception {
        double secs = copy("copy metric.fact " + RawCopy.COLUMNS + " from stdin " + RawCopy.FORMAT, copyData(more));
        say("  COPYed %,d facts straight into metric.fact in %.1f s (values of %s etc. now stale: not queried)",
                more.size(), secs, REVENUE);
        long t = System.nanoTime();
        List<String> jobs = defineMetrics(REVENUE + "_all", ORDERS + "_all", AOV + "_all");
        for (String job : jobs) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.applyTimeoutSeconds);
            while (true) {
                String status = rest.getJson(job).path("status").asText();
                if (status.equals("SUCCEEDED")) {
                    break;
                }
                if (status.equals("FAILED") || System.nanoTime() > deadline) {
                    throw new IllegalStateException("recomputation " + job + " " + status);
                }
                Thread.sleep(200);
            }
        }
        say("  defined %s_all, %s_all, %s_all; their recomputations over all facts took %.1f s", REVENUE, ORDERS, AOV,
                (System.nanoTime() - t) / 1e9);
        String path = "/metrics/" + REVENUE + "_all/values?grain=YEAR&from=" + FIRST + "&to=" + END;
        Map<Integer, BigDecimal> want = new TreeMap<>(all.revenueRounded());
        want.keySet().removeIf(y -> y < FIRST.getYear());
        if (!yearly(path).equals(want)) {
            throw new IllegalStateException("recomputed revenue " + yearly(path) + " differs from " + want);
        }
        verifyOtherMetrics(all, REVENUE + "_all", ORDERS + "_all", AOV + "_all");
        return REVENUE + "_all";
    }

    record Latency(String what, int points, double p50, double p99, double max, double mean) {
        /** Of a sample in milliseconds (all zero when empty). */
        static Latency of(String what, List<Double> ms) {
            double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (sorted.length == 0) {
                return new Latency(what, 0, 0, 0, 0, 0);
            }
            return new Latency(what, sorted.length, percentile(sorted, 50), percentile(sorted, 99),
                    sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0));
        }
    }

    private Latency queryLatency(String key, String groupBy) {
        String path = "/metrics/" + key + "/values?grain=MONTH&from=" + FIRST + "&to=" + END
                + (groupBy == null ? "" : "&groupBy=" + groupBy);
        int points = Rest.parse(rest.get(path).body()).path("values").size();
        for (int i = 0; i < o.queryWarmup; i++) {
            check(rest.get(path), path);
        }
        double[] ms = new double[o.queries];
        for (int i = 0; i < o.queries; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = rest.get(path);
            ms[i] = (System.nanoTime() - t) / 1e6;
            check(r, path);
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        Latency l = new Latency("GET " + path + " (" + points + " points)", points, percentile(sorted, 50),
                percentile(sorted, 99), sorted[sorted.length - 1], Arrays.stream(ms).average().orElse(0));
        say("  %s%n    %,d sequential requests after %,d warm-up, client-side over HTTP/1.1 keep-alive: "
                + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms", l.what, o.queries, o.queryWarmup,
                l.p50, percentile(sorted, 90), l.p99, l.max, l.mean);
        return l;
    }

    private static void check(HttpResponse<String> r, String path) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Waits until the outbox is drained and no recomputation is pending, so queries run on an idle service. */
    private void awaitQuiet() throws Exception {
        long t = System.nanoTime();
        long deadline = t + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            long outbox = scalar("select count(*) from metric.outbox_event");
            long jobs = scalar("select count(*) from metric.recomputation where status in ('QUEUED', 'RUNNING')");
            if (outbox == 0 && jobs == 0) {
                say("  service idle (outbox drained) after %.1f s; querying", (System.nanoTime() - t) / 1e9);
                return;
            }
            Thread.sleep(250);
        }
        say("  WARNING: the service did not become idle within 300 s; querying anyway");
    }

    private long scalar(String sql) throws SQLException {
        try (Statement s = pg.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------------------------------------ clean-up

    private synchronized void cleanup() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        quietly(() -> producer.close(Duration.ofSeconds(5)), producer);
        quietly(() -> admin.close(Duration.ofSeconds(5)), admin);
        if (service != null) {
            quietly(service::close, service);
            if (!o.keepLogs) {
                quietly(() -> Files.deleteIfExists(o.workDir.resolve("metric-service.pid")), service);
            }
        }
        quietly(() -> broker.close(), broker);
        quietly(() -> deleteTree(o.workDir.resolve("kafka")), broker);
        quietly(() -> pg.close(), pg);
        if (databaseCreated && !o.keepDatabase) {
            quietly(() -> {
                try (Connection c = DriverManager.getConnection(o.jdbc("postgres"), o.dbUser, o.dbPassword);
                        Statement s = c.createStatement()) {
                    s.execute("drop database if exists " + o.database + " with (force)");
                }
            }, this);
            System.out.println("(cleaned up: service stopped, broker stopped, database " + o.database + " dropped)");
        }
    }

    interface Action {
        void run() throws Exception;
    }

    private static void quietly(Action a, Object guard) {
        if (guard == null) {
            return;
        }
        try {
            a.run();
        } catch (Exception e) {
            System.err.println("clean-up: " + e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    // ------------------------------------------------------------------------------------------------ options

    static final class Options {
        int records = 1_000_000;
        int warmupRecords = 400_000;
        int queryFacts = 1_000_000;
        int queries = 1_000;
        int queryWarmup = 200;
        String load3 = "auto";
        int load3BudgetSeconds = 1200;
        String order = "chronological";
        String compression = "none";
        boolean profile;
        boolean backlog;
        long profileIntervalMillis = 10;
        int applyTimeoutSeconds = 1800;
        int redefineRate = 5_000;
        int maxMinutes = 60;
        String database = "pacer_bench";
        String dbHost = env("PACER_DB_HOST", "127.0.0.1");
        String dbPort = env("PACER_DB_PORT", "5432");
        String dbUser = env("PACER_DB_USER", "postgres");
        String dbPassword = env("PACER_DB_PASSWORD", "");
        Path app = Path.of("metric-service/target/quarkus-app/quarkus-run.jar");
        Path workDir = Path.of("bench/metric/target/run");
        String serviceJavaOpts = "-Xmx1g";
        Path dockerfile = Path.of("metric-service/src/main/docker/Dockerfile.jvm");
        String dbSettings = "";
        boolean keepDatabase;
        boolean keepLogs = true;

        String jdbc(String db) {
            return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + db;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                if (arg.equals("-h") || arg.equals("--help")) {
                    System.out.println("""
                            Options (all optional):
                              --records=N            order lines for the apply rate and COPY figures (1000000)
                              --warmup-records=N     records applied first, in 2019–2021, not measured (400000)
                              --query-facts=N        facts in the database for the query latency (1000000)
                              --queries=N            measured queries (1000), --query-warmup=N (200)
                              --load3=auto|kafka|copy  how the facts beyond --records reach the database (auto:
                                                     Kafka if the apply rate allows it within --load3-budget=1200 s)
                              --order=chronological|shuffled   order of the records (chronological, as a backfill)
                              --compression=none|lz4|zstd      producer compression (none)
                              --profile              sample pg_stat_activity during the loads and print a profile
                              --backlog              measure the apply rate of records already in Kafka: the service
                                                     is paused (SIGSTOP) while they are produced, then resumed (the
                                                     catch-up rate after an outage; the producer's CPU is not in it)
                              --service-java-opts="…"  JVM options of metric-service (-Xmx1g), after the GC options of
                                                     its image's Dockerfile unless they pick a collector; -Dkey=value
                                                     overrides its configuration (experiments only)
                              --db-settings=a=b,c=d  ALTER DATABASE … SET for the service's sessions (experiments)
                              --app=PATH             quarkus-run.jar (metric-service/target/quarkus-app/quarkus-run.jar)
                              --work-dir=PATH        logs and broker data (bench/metric/target/run)
                              --database=NAME        bench database, dropped and created (pacer_bench)
                              --keep-database        do not drop it at the end
                              --redefine-rate=N      records/s fed while a metric is redefined (5000; 0: skip)
                              --apply-timeout=SECONDS  per load (1800); --max-minutes=M for the whole run (60)
                            """);
                    System.exit(0);
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
                String name = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.substring(2);
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "true";
                switch (name) {
                    case "records" -> o.records = Integer.parseInt(value.replace("_", ""));
                    case "warmup-records" -> o.warmupRecords = Integer.parseInt(value.replace("_", ""));
                    case "query-facts" -> o.queryFacts = Integer.parseInt(value.replace("_", ""));
                    case "queries" -> o.queries = Integer.parseInt(value);
                    case "query-warmup" -> o.queryWarmup = Integer.parseInt(value);
                    case "load3" -> o.load3 = oneOf(value, "auto", "kafka", "copy");
                    case "load3-budget" -> o.load3BudgetSeconds = Integer.parseInt(value);
                    case "order" -> o.order = oneOf(value, "chronological", "shuffled");
                    case "compression" -> o.compression = oneOf(value, "none", "lz4", "zstd", "snappy", "gzip");
                    case "profile" -> o.profile = Boolean.parseBoolean(value);
                    case "backlog" -> o.backlog = Boolean.parseBoolean(value);
                    case "profile-interval-ms" -> o.profileIntervalMillis = Long.parseLong(value);
                    case "service-java-opts" -> o.serviceJavaOpts = value;
                    case "db-settings" -> o.dbSettings = value;
                    case "app" -> o.app = Path.of(value);
                    case "work-dir" -> o.workDir = Path.of(value);
                    case "database" -> o.database = identifier(value);
                    case "keep-database" -> o.keepDatabase = Boolean.parseBoolean(value);
                    case "apply-timeout" -> o.applyTimeoutSeconds = Integer.parseInt(value);
                    case "redefine-rate" -> o.redefineRate = Integer.parseInt(value.replace("_", ""));
                    case "max-minutes" -> o.maxMinutes = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
                }
            }
            if (o.records <= 0 || o.queries <= 0) {
                throw new IllegalArgumentException("--records and --queries must be positive");
            }
            return o;
        }

        private static String oneOf(String value, String... allowed) {
            if (!Arrays.asList(allowed).contains(value)) {
                throw new IllegalArgumentException(value + " is not one of " + Arrays.toString(allowed));
            }
            return value;
        }

        private static String identifier(String value) {
            if (!value.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("database name must be a lower-case identifier: " + value);
            }
            return value;
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }
}
