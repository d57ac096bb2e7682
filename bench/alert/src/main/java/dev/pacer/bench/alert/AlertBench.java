package dev.pacer.bench.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;
import dev.pacer.bench.support.Jwt;
import dev.pacer.bench.support.ServiceProcess;
import dev.pacer.bench.support.WebhookSignature;
import dev.pacer.dev.kafka.KafkaBroker;
import dev.pacer.dev.kafka.KafkaBrokerMain;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.GoalProgressChanged;
import dev.pacer.events.PaceStatus;
import dev.pacer.events.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The alert-service benchmark: the time from a goal-progress event on Kafka to the signed webhook call it causes.
 * A critical goal-pace rule (pending 0, so it fires on the first off-track evaluation) covers one department; a
 * webhook channel (group wait 0, the default for critical) of that department points at an HTTP receiver in this JVM.
 * Each measured event is an OFF_TRACK progress of a new goal, so each raises one alert and one webhook call. Events
 * are sent at a steady rate; the latency of each is from just before {@code producer.send} to the moment the receiver
 * reads the call carrying its goal (and checks its HMAC signature). Prints p50/p90/p99/max.
 */
public final class AlertBench {
    private static final String ISSUER = "pacer-bench";
    private static final String SECRET = "whsec_bench_" + Long.toHexString(System.nanoTime()) + "_secret";
    private static final String DEPARTMENT = "bench";

    private final Options o;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private KafkaBroker broker;
    private ServiceProcess service;
    private HttpServer receiver;
    private java.util.concurrent.ExecutorService receiverThreads;
    private String base;
    private String token;

    private AlertBench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o == null) {
            return;
        }
        new AlertBench(o).run();
        System.exit(0); // the in-JVM broker's and clients' leftover threads must not keep the run alive
    }

    private void run() throws Exception {
        say("alert-service latency: goal-progress event on Kafka -> signed webhook call");
        say("  %d measured events at %d/s after %d warm-up events; load average %.2f, %d CPUs", o.events, o.rate,
                o.warmup, loadAverage(), Runtime.getRuntime().availableProcessors());
        Files.createDirectories(o.workDir);
        try {
            createDatabase();
            startKafka();
            startReceiver();
            startService();
            configure();
            try (KafkaProducer<String, String> producer = producer()) {
                if (o.warmup > 0) {
                    send(producer, "warm", o.warmup);
                    await("warm", o.warmup);
                    say("  warm-up: %d webhooks received", o.warmup);
                }
                long cpuBefore = cpuTicks(service.pid());
                long t0 = System.nanoTime();
                send(producer, "run", o.events);
                await("run", o.events);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpu = (cpuTicks(service.pid()) - cpuBefore) / 100.0;
                report(seconds, cpu);
            }
        } finally {
            if (service != null) {
                service.close();
            }
            if (receiver != null) {
                receiver.stop(0);
                receiverThreads.shutdownNow();
            }
            if (broker != null) {
                broker.close();
            }
            if (!o.keepDatabase) {
                dropDatabase();
            }
        }
    }

    private void send(KafkaProducer<String, String> producer, String prefix, int n) throws Exception {
        long interval = 1_000_000_000L / o.rate;
        long next = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String goal = prefix + "-" + i;
            GoalProgressChanged p = new GoalProgressChanged(goal, null, "Goal " + goal, DEPARTMENT, List.of(DEPARTMENT),
                    "revenue", "2026", new BigDecimal("400"), new BigDecimal("500"), new BigDecimal("1200"),
                    new BigDecimal("1500"), null, null, PaceStatus.OFF_TRACK, PaceStatus.ON_TRACK, null,
                    OffsetDateTime.now(ZoneOffset.UTC));
            String value = json.writeValueAsString(CloudEvent.of(EventSources.GOAL_SERVICE, p));
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            sentAt.put(goal, System.nanoTime());
            producer.send(new ProducerRecord<>(Topics.GOAL_PROGRESS, goal, value));
            next += interval;
        }
        producer.flush();
    }

    private void await(String prefix, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(o.timeoutSeconds).toNanos();
        while (count(prefix) < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + count(prefix) + " of " + n + " webhooks within "
                        + o.timeoutSeconds + " s; see " + service.log());
            }
            Thread.sleep(20);
        }
    }

    private long count(String prefix) {
        return receivedAt.keySet().stream().filter(k -> k.startsWith(prefix + "-")).count();
    }

    private void report(double seconds, double cpuSeconds) {
        List<Long> micros = new ArrayList<>();
        receivedAt.forEach((goal, at) -> {
            if (goal.startsWith("run-")) {
                micros.add((at - sentAt.get(goal)) / 1000);
            }
        });
        micros.sort(Comparator.naturalOrder());
        say("");
        say("Latency, progress event sent -> webhook received (%d events, %d webhook calls in all, %d bad signatures):",
                micros.size(), calls.get(), badSignatures.get());
        say("  p50 %7.1f ms", pct(micros, 50));
        say("  p90 %7.1f ms", pct(micros, 90));
        say("  p99 %7.1f ms", pct(micros, 99));
        say("  max %7.1f ms", micros.get(micros.size() - 1) / 1000.0);
        say("  %d events in %.1f s (%.0f/s offered); alert-service used %.1f CPU s; load average now %.2f",
                micros.size(), seconds, micros.size() / seconds, cpuSeconds, loadAverage());
    }

    private static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1000.0;
    }

    // --- set-up ---

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiverThreads = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        });
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            calls.incrementAndGet();
            if (!verify(exchange.getRequestHeaders().getFirst("X-Pacer-Signature"), body)) {
                badSignatures.incrementAndGet();
            }
            JsonNode root = json.readTree(body);
            for (JsonNode alert : root.path("alerts")) {
                if ("FIRING".equals(alert.path("state").asText())) {
                    receivedAt.putIfAbsent(alert.path("subjectId").asText(), now);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    /** Checks {@code t=<unix>,v1=<hex HMAC-SHA256 of "t.body">} as a receiver would. */
    private static boolean verify(String header, byte[] body) {
        return WebhookSignature.valid(SECRET, header, body);
    }

    private void startKafka() throws Exception {
        Path dir = o.workDir.resolve("kafka");
        deleteTree(dir);
        broker = KafkaBroker.start(dir, 0, 0);
        KafkaBrokerMain.createTopics(broker.bootstrapServers());
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
        env.put("PACER_ALERT_PORT", Integer.toString(port));
        env.put("PACER_HTTP_HOST", "127.0.0.1");
        env.put("PACER_ALERT_SECRET_KEY", java.util.Base64.getEncoder().encodeToString(randomBytes(32)));
        List<String> jvm = new ArrayList<>(Arrays.asList(o.serviceJavaOpts.trim().split("\\s+")));
        jvm.removeIf(String::isBlank);
        service = ServiceProcess.start("alert-service", o.app, jvm, env, o.workDir.resolve("alert-service.log"),
                o.workDir.resolve("alert-service.pid"));
        base = "http://127.0.0.1:" + port;
        service.awaitReady(base, Duration.ofSeconds(120));
        token = jwt.token(ISSUER, "bench-admin", List.of("admin"), List.of(DEPARTMENT), Duration.ofHours(2));
        say("  alert-service pid %d on %s (log %s)", service.pid(), base, service.log());
    }

    private void configure() throws Exception {
        String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        post("/channels", Map.of("name", "bench receiver", "url", receiverUrl, "secret", SECRET,
                "departments", List.of(DEPARTMENT), "severities", List.of("CRITICAL"), "groupInterval", "PT0S"));
        post("/rules", Map.of("name", "BenchBehindPace", "kind", "GOAL_PACE",
                "parameters", Map.of("worseThan", "ON_TRACK"), "scope", Map.of("type", "DEPARTMENT", "key", DEPARTMENT),
                "departments", List.of(DEPARTMENT), "severity", "CRITICAL", "pendingFor", "PT0S"));
        say("  channel -> %s, rule: goal pace worse than ON_TRACK in department %s, CRITICAL, pending PT0S",
                receiverUrl, DEPARTMENT);
    }

    private void post(String path, Object body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private void createDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(o.jdbc("postgres"), o.dbUser, o.dbPassword);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + o.database + " with (force)");
            s.execute("create database " + o.database);
        }
        say("  database %s created", o.database);
    }

    private void dropDatabase() {
        try (Connection c = DriverManager.getConnection(o.jdbc("postgres"), o.dbUser, o.dbPassword);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + o.database + " with (force)");
        } catch (Exception e) {
            say("  could not drop database %s: %s", o.database, e.getMessage());
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    private static long cpuTicks(long pid) {
        try {
            String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** Command-line options. */
    static final class Options {
        int events = 1000;
        int warmup = 200;
        int rate = 50;
        int timeoutSeconds = 300;
        boolean keepDatabase;
        Path app;
        Path workDir = Path.of("bench/alert/target/run");
        String database = "pacer_bench_alert";
        String dbHost = env("PACER_DB_HOST", "127.0.0.1");
        String dbPort = env("PACER_DB_PORT", "5432");
        String dbUser = env("PACER_DB_USER", "postgres");
        String dbPassword = env("PACER_DB_PASSWORD", "");
        String serviceJavaOpts = "-Xmx1g";

        static Options parse(String[] args) {
            Options o = new Options();
            for (String a : args) {
                String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
                if (a.equals("--help")) {
                    System.out.println("""
                            bench/alert/run.sh [options]
                              --events=N          measured events (default 1000)
                              --warmup=N          warm-up events, not counted (default 200)
                              --rate=N            events per second offered (default 50)
                              --timeout=S         seconds to wait for the webhooks of a phase (default 300)
                              --database=NAME     database to create and drop (default pacer_bench_alert)
                              --keep-database     do not drop it at the end
                              --service-java-opts="..."  JVM options of alert-service (default -Xmx1g)""");
                    return null;
                } else if (a.startsWith("--events=")) {
                    o.events = Integer.parseInt(v);
                } else if (a.startsWith("--warmup=")) {
                    o.warmup = Integer.parseInt(v);
                } else if (a.startsWith("--rate=")) {
                    o.rate = Integer.parseInt(v);
                } else if (a.startsWith("--timeout=")) {
                    o.timeoutSeconds = Integer.parseInt(v);
                } else if (a.startsWith("--database=")) {
                    o.database = v;
                } else if (a.equals("--keep-database")) {
                    o.keepDatabase = true;
                } else if (a.startsWith("--app=")) {
                    o.app = Path.of(v);
                } else if (a.startsWith("--work-dir=")) {
                    o.workDir = Path.of(v);
                } else if (a.startsWith("--service-java-opts=")) {
                    o.serviceJavaOpts = v;
                } else {
                    throw new IllegalArgumentException("Unknown option " + a + "; see --help");
                }
            }
            if (o.app == null) {
                throw new IllegalArgumentException("--app=<alert-service quarkus-run.jar> is required (run.sh sets it)");
            }
            if (o.events < 1 || o.rate < 1 || !o.database.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("need --events >= 1, --rate >= 1 and a plain database name");
            }
            return o;
        }

        String jdbc(String db) {
            return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + db;
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }
}
