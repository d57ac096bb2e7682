package dev.pacer.e2e.system;

import dev.pacer.testing.KafkaBrokerResource;
import dev.pacer.testing.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The whole Pacer suite, started the way an operator runs it: the Kafka broker ({@code dev/}'s
 * {@code KafkaBrokerMain}) and the four built services ({@code <service>/target/quarkus-app/quarkus-run.jar}),
 * each as its own process on free ports, over a database of their own on the PostgreSQL server the tests use
 * ({@code PACER_DB_HOST}/{@code PACER_DB_PORT}/{@code PACER_DB_USER}/{@code PACER_DB_PASSWORD}).
 *
 * <p>Tokens come from {@link Tokens} (the services are given its public key and issuer), and
 * {@link dev.pacer.testing.KafkaTestClient} talks to this broker. One system serves every test class of the JVM
 * ({@link #shared()}); it is stopped, and its database dropped, when the JVM exits.
 */
public final class PacerSystem {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static PacerSystem shared;

    private final Path root;
    private final Path work;
    private final String database;
    private final String bootstrapServers;
    private final AppProcess broker;
    private final Map<Service, AppProcess> services = new EnumMap<>(Service.class);
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<String, String> serviceEnvironment;

    private PacerSystem() {
        root = repositoryRoot();
        work = root.resolve("e2e/target/e2e-" + UUID.randomUUID().toString().substring(0, 8));
        database = "pacer_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        int kafkaPort = Ports.reserve();
        bootstrapServers = "127.0.0.1:" + kafkaPort;
        broker = new AppProcess("kafka", List.of(java(), "-Xmx512m", "-jar", built("dev/target/pacer-dev-0.1.0-SNAPSHOT.jar"),
                work.resolve("kafka").toString(), String.valueOf(kafkaPort), String.valueOf(Ports.reserve())),
                Map.of(), work.resolve("logs/kafka.log"));
        serviceEnvironment = serviceEnvironment();
        for (Service service : Service.values()) {
            assignPort(service, Ports.reserve());
        }
    }

    /** The service's process, to be started on {@code port}. */
    private void assignPort(Service service, int port) {
        ports.put(service, port);
        Map<String, String> own = new HashMap<>(serviceEnvironment);
        own.put(service.portVariable(), String.valueOf(port));
        services.put(service, new AppProcess(service.module(), List.of(java(), "-Xmx384m", "-XX:+UseSerialGC",
                "-jar", built(service.module() + "/target/quarkus-app/quarkus-run.jar")), own,
                work.resolve("logs/" + service.module() + ".log")));
    }

    /** The system every test class of this JVM shares, started on first use. */
    public static synchronized PacerSystem shared() {
        if (shared == null) {
            PacerSystem system = new PacerSystem();
            Runtime.getRuntime().addShutdownHook(new Thread(system::stopAll, "pacer-e2e-shutdown"));
            system.startAll();
            System.setProperty(KafkaBrokerResource.BOOTSTRAP_PROPERTY, system.bootstrapServers);
            shared = system;
        }
        return shared;
    }

    /**
     * A system of the caller's own, beside the shared one (its own broker, services and database), for a test whose
     * requests must not reach the other tests' data; the caller stops it ({@link #stop()}).
     */
    public static PacerSystem startOwn() {
        PacerSystem system = new PacerSystem();
        try {
            system.startAll();
        } catch (RuntimeException e) {
            system.stop();
            throw e;
        }
        return system;
    }

    /** Stops the services and the broker and drops the database ({@link #startOwn()}'s systems). */
    public void stop() {
        stopAll();
    }

    /** {@code http://127.0.0.1:<port>} of a service. */
    public String url(Service service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** JDBC URL of the system's own database (each service keeps its schema in it). */
    public String databaseUrl() {
        return jdbcUrl(database);
    }

    /** {@code kill -9} of one service: no graceful shutdown, in-flight work lost. */
    public void kill(Service service) {
        services.get(service).kill();
    }

    /** Starts a stopped or killed service again and waits until it is ready. */
    public void restart(Service service) {
        AppProcess process = services.get(service);
        if (process.isAlive()) {
            process.stop(GRACE);
        }
        process.start();
        awaitReady(service);
    }

    public boolean isRunning(Service service) {
        return services.get(service).isAlive();
    }

    /** Every line a service has logged so far. */
    public List<String> log(Service service) {
        return services.get(service).lines();
    }

    /** The tail of a service's log, for a failing assertion's message. */
    public String logTail(Service service, int lines) {
        return services.get(service).tail(lines);
    }

    private void startAll() {
        createDatabase();
        broker.start();
        broker.awaitReady(() -> logContains(work.resolve("logs/kafka.log"), "Kafka ready on"), READY_TIMEOUT);
        // Started together (each takes seconds to boot), then awaited.
        services.values().forEach(AppProcess::start);
        for (Service service : Service.values()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    awaitReady(service);
                    break;
                } catch (IllegalStateException e) {
                    AppProcess process = services.get(service);
                    if (attempt == 3 || process.isAlive() || !process.tail(20).contains("in use")) {
                        throw e;
                    }
                    // Another process bound the port between its reservation and the service's start.
                    System.err.println(service.module() + " found port " + ports.get(service)
                            + " taken; starting it again on another port");
                    assignPort(service, Ports.reserve());
                    services.get(service).start();
                }
            }
        }
    }

    /**
     * Waits until the service answers ready on its port and its own log says it listens there (so that a
     * process of someone else on that port cannot pass for it).
     */
    private void awaitReady(Service service) {
        int port = ports.get(service);
        AppProcess process = services.get(service);
        String listening = ":" + port;
        process.awaitReady(() -> AppProcess.healthy(port) && process.lines().stream()
                .anyMatch(line -> line.contains("Listening on") && line.contains(listening)), READY_TIMEOUT);
    }

    private void stopAll() {
        services.values().forEach(p -> p.stop(GRACE));
        broker.stop(GRACE);
        dropDatabase();
    }

    private Map<String, String> serviceEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PACER_DB_URL", databaseUrl());
        env.put("PACER_DB_USER", dbUser());
        env.put("PACER_DB_PASSWORD", dbPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("PACER_HTTP_HOST", "127.0.0.1");
        env.put("PACER_JWT_ISSUER", Tokens.ISSUER);
        env.put("PACER_JWT_PUBLIC_KEY_LOCATION", writePublicKey().toString());
        env.put("PACER_ALERT_SECRET_KEY", randomKey());
        env.put("PACER_INGEST_SECRET_KEY", randomKey());
        return env;
    }

    private Path writePublicKey() {
        String base64 = Tokens.publicKey();
        StringBuilder pem = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
        for (int i = 0; i < base64.length(); i += 64) {
            pem.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
        }
        pem.append("-----END PUBLIC KEY-----\n");
        try {
            Files.createDirectories(work);
            Path file = work.resolve("jwt-public.pem");
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private void createDatabase() {
        execute("create database " + database);
    }

    private void dropDatabase() {
        try {
            execute("drop database if exists " + database + " with (force)");
        } catch (RuntimeException e) {
            System.err.println("could not drop " + database + ": " + e.getMessage());
        }
    }

    private static void execute(String sql) {
        String url = jdbcUrl("postgres");
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url + ": " + e.getMessage()
                    + " (is PostgreSQL running? PACER_DB_HOST/PACER_DB_PORT point at it)", e);
        }
    }

    /** JDBC URL of a database on the PostgreSQL server the system uses. */
    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + dbHost() + ":" + dbPort() + "/" + database;
    }

    /** A connection to a database on that server (e.g. an ERP's own database a test loads). */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), dbUser(), dbPassword());
    }

    /**
     * A file of the shared datasets ({@code shared/datasets/} beside the repository, found from the repository
     * upwards; {@code -Dpacer.datasets=<dir>} points elsewhere).
     */
    public static Path sharedDataset(String relative) {
        String configured = System.getProperty("pacer.datasets");
        if (configured != null) {
            return Path.of(configured, relative);
        }
        for (Path dir = repositoryRoot(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/datasets").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/datasets/" + relative + " not found above " + repositoryRoot()
                + "; pass -Dpacer.datasets=<dir>");
    }

    static String dbHost() {
        return env("PACER_DB_HOST", "127.0.0.1");
    }

    static String dbPort() {
        return env("PACER_DB_PORT", "5432");
    }

    public static String dbUser() {
        return env("PACER_DB_USER", "postgres");
    }

    public static String dbPassword() {
        return env("PACER_DB_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private String built(String relative) {
        Path path = root.resolve(relative);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is not built: the system tests run the packaged applications; "
                    + "run them through the reactor (./pacer test, or ./mvnw verify -pl e2e -am)");
        }
        return path.toString();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path repositoryRoot() {
        String configured = System.getProperty("pacer.root");
        Path start = Path.of(configured != null ? configured : System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("e2e")) && Files.isRegularFile(dir.resolve("pacer"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (with e2e/ and ./pacer) from " + start
                + "; pass -Dpacer.root=<dir>");
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("kafka " + bootstrapServers);
        ports.forEach((s, p) -> parts.add(s.module() + " :" + p));
        return "PacerSystem[" + String.join(", ", parts) + ", db " + database.toLowerCase(Locale.ROOT) + "]";
    }
}
