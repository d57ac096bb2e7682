package dev.pacer.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pacer.bench.support.Jwt;
import dev.pacer.bench.support.KafkaReadings;
import dev.pacer.bench.support.Machine;
import dev.pacer.bench.support.ProducerPerformance;
import dev.pacer.bench.support.ServiceProcess;
import dev.pacer.bench.support.ThreadCpu;
import dev.pacer.dev.kafka.KafkaBroker;
import dev.pacer.dev.kafka.KafkaBrokerMain;
import dev.pacer.events.CatalogChanged;
import dev.pacer.events.CatalogKind;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ingest-service benchmark (issue 4): REST-push throughput — records per second accepted by
 * {@code POST /ingest/{dataset}} in batches of 1,000, each answered only after Kafka acknowledged its records
 * (acks=all) — beside the raw rate of Kafka's own {@code ProducerPerformance} measured in the same run against the
 * same broker, twice: with Kafka's producer defaults (acks=all, the same number of records of the size ingest-service
 * published), and with the producer settings ingest-service itself uses (acks=all, idempotence, linger, batch size,
 * compression — read from the line the service logs when it creates its producer) sending the very records
 * ingest-service published, so that compression works on both alike.
 *
 * <p>Set-up: the dev broker in this JVM (3 partitions per topic, as in development), ingest-service as its own
 * process over a fresh database, the dataset published on {@code pacer.catalog} as metric-service would. The warm-up is
 * long (600,000 records) because a fresh service JVM keeps compiling for a long time: after 20,000 records the figure
 * measured mostly the JIT. The service's CPU in the measured run is split by thread kind (executor, event loop, Kafka
 * sender, JIT, GC) from {@code /proc}.
 */
public final class IngestBench {
    private static final String DATASET = "bench_orders";
    private static final String ISSUER = "pacer-bench";

    private final Options o;
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper eventJson = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private KafkaBroker broker;
    private ServiceProcess service;
    private String base;
    private String token;

    private IngestBench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        IngestBench bench = new IngestBench(o);
        try {
            bench.run();
        } finally {
            bench.close();
        }
    }

    private void run() throws Exception {
        say("bench/ingest: %,d records in batches of %,d, %d concurrent pushes; %d cores; load average %.2f at start",
                o.records, o.batch, o.concurrency, Runtime.getRuntime().availableProcessors(), Machine.loadAverage());
        setUp();

        List<byte[]> warmup = batches(o.warmupRecords, 1_000_000);
        List<byte[]> measured = batches(o.records, 0);
        say("  generated %,d + %,d records as JSON batches (avg %,d bytes per batch; not timed)",
                o.warmupRecords, o.records, measured.stream().mapToInt(b -> b.length).sum() / Math.max(1, measured.size()));

        long warmStart = System.nanoTime();
        push(warmup);
        say("  warm-up: %,d records pushed (%,.0f records/s, not measured: the service's JIT is still compiling)",
                o.warmupRecords, o.warmupRecords / ((System.nanoTime() - warmStart) / 1e9));

        // ---- 1. REST push
        long endBefore = endOffset(Topics.RECORDS);
        Machine.Snapshot before = Machine.snapshot();
        double cpuBefore = Machine.cpuSeconds(service.pid());
        double selfBefore = Machine.cpuSeconds(ProcessHandle.current().pid());
        Map<String, Double> threadsBefore = ThreadCpu.snapshot(service.pid());
        Pushed pushed = push(measured);
        Map<String, Double> threadsAfter = ThreadCpu.snapshot(service.pid());
        Machine.Snapshot after = Machine.snapshot();
        double wall = (after.nanos() - before.nanos()) / 1e9;
        long published = endOffset(Topics.RECORDS) - endBefore;
        if (published != o.records) {
            throw new IllegalStateException("pacer.records grew by " + published + ", not " + o.records);
        }
        double pushRate = o.records / wall;
        int recordSize = averageRecordSize();
        say("");
        say("REST push  %,.0f records/s   (%,d records in %.2f s; %,d batches of %,d; %d concurrent; acks=all before each answer)",
                pushRate, o.records, wall, measured.size(), o.batch, o.concurrency);
        say("           batch latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; request bodies %.1f MB/s",
                pushed.percentile(50), pushed.percentile(99), pushed.percentile(100),
                pushed.bytes / wall / 1e6);
        say("           %,d records on pacer.records (avg %,d bytes as ingest-service publishes them)", published, recordSize);
        say("           CPU: ingest-service %.1f s, bench JVM (client + Kafka broker) %.1f s; machine %.0f%% busy; "
                + "ingest-service resident %,d MiB", Machine.cpuSeconds(service.pid()) - cpuBefore,
                Machine.cpuSeconds(ProcessHandle.current().pid()) - selfBefore, Machine.busyPercent(before, after),
                service.residentMiB());
        say("           ingest-service CPU by thread: %s", ThreadCpu.between(threadsBefore, threadsAfter, 8));

        // ---- 2. Kafka's own ProducerPerformance, same broker, same number and size of records: Kafka's defaults
        say("");
        say("load average %.2f before the raw producer runs", Machine.loadAverage());
        ProducerPerformance.Result perf = ProducerPerformance.run(o.lib, broker.bootstrapServers(), o.rawTopic,
                o.records, recordSize, o.workDir.resolve("producer-performance.log"));
        say("Kafka ProducerPerformance  %,.0f records/s   (%,d records of %,d bytes, acks=all, %s)",
                perf.rate(), o.records, recordSize, perf.line());
        say("           with Kafka's producer defaults but acks=all (batch.size 16384, linger.ms 5, no compression)");

        // ---- 3. the same with ingest-service's own producer settings, sending the records it published
        Map<String, String> settings = PushProducerSettings.fromLog(service.log());
        ProducerPerformance.Result same = null;
        if (settings.isEmpty()) {
            say("Kafka ProducerPerformance with ingest-service's producer settings: not run — the service logged no "
                    + "'%s' line (built before it did)", PushProducerSettings.MARKER);
        } else {
            Path payloads = o.workDir.resolve("published-records.txt");
            int samples = writePayloads(payloads);
            same = ProducerPerformance.run(o.lib, broker.bootstrapServers(), o.rawTopic, o.records, payloads,
                    settings, o.workDir.resolve("producer-performance-ingest-settings.log"));
            say("Kafka ProducerPerformance  %,.0f records/s   with ingest-service's producer settings (%s; %s)",
                    same.rate(), PushProducerSettings.describe(settings), same.line());
            say("           payloads: %,d records ingest-service published, picked at random; no keys (the raw "
                    + "producer fills one partition's batch at a time, ingest-service spreads each batch over %d by "
                    + "key)", samples, KafkaBrokerMain.PARTITIONS);
        }
        say("");
        say("ratio REST push / raw producer: %.2f   (target on this 2-core machine: >= 50,000 records/s pushed)",
                pushRate / perf.rate());
        if (same != null) {
            say("ratio REST push / raw producer with ingest-service's settings: %.2f; raw with those settings / raw "
                    + "with Kafka's defaults: %.2f", pushRate / same.rate(), same.rate() / perf.rate());
        }
        say("load average %.2f at the end", Machine.loadAverage());
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private void setUp() throws Exception {
        Path work = o.workDir;
        Files.createDirectories(work);
        broker = KafkaBroker.start(work.resolve("kafka"), 0, 0);
        KafkaBrokerMain.createTopics(broker.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(o.rawTopic, KafkaBrokerMain.PARTITIONS, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        say("  Kafka %s (in this JVM), topics with %d partitions", broker.bootstrapServers(), KafkaBrokerMain.PARTITIONS);

        execute("drop database if exists " + o.database + " with (force)");
        execute("create database " + o.database);

        Jwt jwt = new Jwt();
        Path pem = work.resolve("jwt-public.pem");
        Files.writeString(pem, jwt.publicKeyPem());
        token = jwt.token(ISSUER, "bench-erp", List.of("integration"), List.of(), Duration.ofHours(4));
        int port = KafkaBroker.freePort();
        base = "http://127.0.0.1:" + port;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PACER_DB_URL", "jdbc:postgresql://" + o.dbHost + ":" + o.dbPort + "/" + o.database);
        env.put("PACER_DB_USER", o.dbUser);
        env.put("PACER_DB_PASSWORD", o.dbPassword);
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("PACER_JWT_PUBLIC_KEY_LOCATION", pem.toString());
        env.put("PACER_JWT_ISSUER", ISSUER);
        env.put("PACER_INGEST_PORT", String.valueOf(port));
        env.put("PACER_HTTP_HOST", "127.0.0.1");
        env.put("PACER_INGEST_SECRET_KEY", Jwt.randomAesKey());
        List<String> jvm = new ArrayList<>(Arrays.asList(o.serviceJavaOpts.trim().split("\\s+")));
        jvm.removeIf(String::isBlank);
        service = ServiceProcess.start("ingest-service", o.app, jvm, env,
                work.resolve("ingest-service.log"), work.resolve("ingest-service.pid"));
        service.awaitReady(base, Duration.ofMinutes(3));
        say("  ingest-service ready at %s (pid %d, JVM options %s, log %s)", base, service.pid(), jvm, service.log());
        if (jvm.stream().anyMatch(a -> a.startsWith("-D"))) {
            say("  EXPERIMENT: the service's configuration is overridden by %s",
                    jvm.stream().filter(a -> a.startsWith("-D")).toList());
        }

        publishDataset();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        byte[] probe = json.writeValueAsBytes(List.of(line(999_999_999)));
        while (post(probe).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ingest-service did not learn dataset " + DATASET + " from pacer.catalog");
            }
            Thread.sleep(100);
        }
    }

    private void publishDataset() throws Exception {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("key", DATASET);
        definition.put("version", 1);
        definition.put("name", "Order lines");
        definition.put("fields", List.of(
                field("order_id", "INTEGER"), field("product_id", "INTEGER"), field("customer_id", "STRING"),
                field("order_date", "DATE"), field("ship_country", "STRING"), field("unit_price", "DECIMAL"),
                field("quantity", "INTEGER"), field("discount", "DECIMAL")));
        definition.put("primaryKey", List.of("order_id", "product_id"));
        definition.put("eventTimeField", "order_date");
        definition.put("ownerDepartment", "sales");
        definition.put("sourceSystem", "northwind-erp");
        CatalogChanged changed = new CatalogChanged(CatalogKind.DATASET, DATASET, 1, false, definition);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(changed.topic(), changed.kafkaKey(),
                    eventJson.writeValueAsString(CloudEvent.of(EventSources.METRIC_SERVICE, changed)))).get();
        }
    }

    private static Map<String, Object> field(String name, String type) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("type", type);
        f.put("required", !name.equals("discount"));
        return f;
    }

    // ------------------------------------------------------------------------------------------------ push

    /** One Northwind-shaped order line; {@code n} makes its primary key. */
    private static Map<String, Object> line(long n) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("order_id", 10_000 + n / 4);
        l.put("product_id", 1 + n % 4);
        l.put("customer_id", "C" + (n % 997));
        l.put("order_date", LocalDate.of(2026, 1, 1).plusDays(n % 365).toString());
        l.put("ship_country", n % 3 == 0 ? "France" : n % 3 == 1 ? "Germany" : "Brazil");
        l.put("unit_price", BigDecimal.valueOf(100 + n % 5_000, 2));
        l.put("quantity", 1 + n % 20);
        l.put("discount", BigDecimal.valueOf(n % 4 * 5, 2));
        return l;
    }

    private List<byte[]> batches(int records, long offset) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; from < records; from += o.batch) {
            List<Map<String, Object>> batch = new ArrayList<>(o.batch);
            for (int i = from; i < Math.min(records, from + o.batch); i++) {
                batch.add(line(offset + i));
            }
            out.add(json.writeValueAsBytes(batch));
        }
        return out;
    }

    private record Pushed(double[] latenciesMs, long bytes) {
        double percentile(double p) {
            double[] sorted = latenciesMs.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    /** Pushes every batch with {@code concurrency} clients, failing unless each is fully accepted. */
    private Pushed push(List<byte[]> batches) throws Exception {
        double[] latencies = new double[batches.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(o.concurrency);
        try {
            List<Future<Long>> clients = new ArrayList<>();
            for (int c = 0; c < o.concurrency; c++) {
                clients.add(pool.submit(() -> {
                    long bytes = 0;
                    for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = post(batches.get(i));
                        latencies[i] = (System.nanoTime() - t0) / 1e6;
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("push answered " + r.statusCode() + ": " + r.body());
                        }
                        JsonNode answer = json.readTree(r.body());
                        if (answer.path("rejected").asInt(-1) != 0) {
                            throw new IllegalStateException("records rejected: " + r.body());
                        }
                        bytes += batches.get(i).length;
                    }
                    return bytes;
                }));
            }
            long bytes = 0;
            for (Future<Long> client : clients) {
                bytes += client.get();
            }
            return new Pushed(latencies, bytes);
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> post(byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/ingest/" + DATASET))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------------------------------------ Kafka

    private long endOffset(String topic) {
        return KafkaReadings.endOffset(broker.bootstrapServers(), topic, KafkaBrokerMain.PARTITIONS);
    }

    /** Average value size of the last records ingest-service published (what the raw producer should send). */
    private int averageRecordSize() {
        return KafkaReadings.averageValueSize(broker.bootstrapServers(), Topics.RECORDS, KafkaBrokerMain.PARTITIONS);
    }

    /**
     * Writes the values of the last records ingest-service published, one per line, for the raw producer to send;
     * returns how many.
     */
    private int writePayloads(Path file) throws IOException {
        List<byte[]> values = KafkaReadings.lastValues(broker.bootstrapServers(), Topics.RECORDS,
                KafkaBrokerMain.PARTITIONS, 5_000);
        try (var out = Files.newOutputStream(file)) {
            for (byte[] v : values) {
                for (byte b : v) {
                    if (b == '\n') {
                        throw new IllegalStateException("a published record holds a line break; it cannot be a payload");
                    }
                }
                out.write(v);
                out.write('\n');
            }
        }
        return values.size();
    }

    // ------------------------------------------------------------------------------------------------ clean-up

    private void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + o.dbHost + ":" + o.dbPort + "/postgres",
                o.dbUser, o.dbPassword); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void close() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
        try {
            execute("drop database if exists " + o.database + " with (force)");
        } catch (Exception e) {
            say("could not drop %s: %s", o.database, e.getMessage());
        }
    }

    static void say(String format, Object... args) {
        System.out.println(args.length == 0 ? format : String.format(format, args));
        System.out.flush();
    }

    // ------------------------------------------------------------------------------------------------ options

    record Options(Path app, Path workDir, Path lib, int records, int warmupRecords, int batch, int concurrency,
            String database, String rawTopic, String serviceJavaOpts, String dbHost, String dbPort, String dbUser,
            String dbPassword) {
        static Options parse(String[] args) {
            Map<String, String> a = new LinkedHashMap<>();
            for (String arg : args) {
                if (arg.equals("-h") || arg.equals("--help")) {
                    System.out.println("""
                            bench/ingest/run.sh [options]
                              --records=N        records pushed in the measured run (200000)
                              --warmup-records=N records pushed first, not measured (600000: a fresh service JVM
                                                 is still compiling its hot code long after 20,000 — the JIT took a
                                                 third of its CPU in the measured run after 200,000)
                              --batch=N          records per push (1000)
                              --concurrency=N    pushes in flight at once (4)
                              --database=NAME    the database made and dropped for ingest-service (pacer_bench_ingest)
                              --service-java-opts="..."  JVM options of ingest-service (-Xmx1g), e.g. a flight
                                                 recording: -Xmx1g -XX:StartFlightRecording=filename=/tmp/i.jfr,settings=profile
                                                 (-Dkey=value overrides its configuration: printed as an EXPERIMENT)
                            Environment: PACER_DB_HOST, PACER_DB_PORT, PACER_DB_USER, PACER_DB_PASSWORD""");
                    System.exit(0);
                }
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("unknown argument " + arg + " (see --help)");
                }
                a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            Path work = Path.of(a.getOrDefault("work-dir", "bench/ingest/target/run"));
            Options o = new Options(Path.of(required(a, "app")), work,
                    Path.of(a.getOrDefault("lib", "bench/ingest/target/lib")),
                    Integer.parseInt(a.getOrDefault("records", "200000")),
                    Integer.parseInt(a.getOrDefault("warmup-records", "600000")),
                    Integer.parseInt(a.getOrDefault("batch", "1000")),
                    Integer.parseInt(a.getOrDefault("concurrency", "4")),
                    a.getOrDefault("database", "pacer_bench_ingest"), "bench.raw-producer",
                    a.getOrDefault("service-java-opts", "-Xmx1g"),
                    env("PACER_DB_HOST", "127.0.0.1"), env("PACER_DB_PORT", "5432"), env("PACER_DB_USER", "postgres"),
                    env("PACER_DB_PASSWORD", ""));
            if (!o.database.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("--database must be a plain lower-case name");
            }
            if (o.records < o.batch || o.batch < 1 || o.concurrency < 1) {
                throw new IllegalArgumentException("need --records >= --batch >= 1 and --concurrency >= 1");
            }
            return o;
        }

        private static String required(Map<String, String> a, String name) {
            String v = a.remove(name);
            if (v == null) {
                throw new IllegalArgumentException("--" + name + " is required (run.sh passes it)");
            }
            return v;
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }
}
