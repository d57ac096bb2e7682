package dev.pacer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jboss.logmanager.Level;
import org.jboss.logmanager.Logger;

import dev.pacer.dev.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker for {@code @QuarkusTest}s.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
 * class GoalProgressTest { ... KafkaBrokerResource.bootstrapServers() ... }
 * }</pre>
 *
 * If the environment variable {@value #BOOTSTRAP_ENV} is set, that external broker is used. Otherwise
 * one in-JVM {@link KafkaBroker} (temporary data dir, free ports) is started on first use and shared
 * by every test class of the JVM; it stops when the JVM exits. Its address is kept in the system
 * property {@value #BOOTSTRAP_PROPERTY}, so the test resource and the test class agree on it even when
 * Quarkus loads this class in more than one class loader.
 *
 * <p>The broker's own logging is set to WARN (it would print thousands of INFO lines); a service
 * can raise it again with {@code quarkus.log.category."kafka".level} and the like.
 *
 * <p>Config returned: {@code kafka.bootstrap.servers}.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final String BOOTSTRAP_ENV = "PACER_TEST_KAFKA_BOOTSTRAP";
    public static final String BOOTSTRAP_PROPERTY = "pacer.test.kafka.bootstrap";

    /** Loggers of the broker side of Kafka (the clients' org.apache.kafka.clients are left alone). */
    private static final List<String> BROKER_LOGGERS = List.of("kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.coordinator",
            "org.apache.kafka.raft", "org.apache.kafka.image", "org.apache.kafka.metadata",
            "org.apache.kafka.storage", "org.apache.kafka.queue", "org.apache.kafka.snapshot",
            "org.apache.kafka.network", "org.apache.kafka.common.config.AbstractConfig");
    /** Strong references: a logger's level lives as long as the logger. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // the shared broker outlives the test class; a shutdown hook stops it with the JVM
    }

    /** The test broker's bootstrap servers, starting the in-JVM broker if needed. */
    public static synchronized String bootstrapServers() {
        String external = System.getenv(BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            return external;
        }
        String running = System.getProperty(BOOTSTRAP_PROPERTY);
        if (running != null) {
            return running;
        }
        quietBrokerLogs();
        Path dataDir = tempDir();
        KafkaBroker broker = KafkaBroker.start(dataDir, 0, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            delete(dataDir);
        }, "pacer-test-kafka-shutdown"));
        System.setProperty(BOOTSTRAP_PROPERTY, broker.bootstrapServers());
        return broker.bootstrapServers();
    }

    static synchronized void quietBrokerLogs() {
        for (String name : BROKER_LOGGERS) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARN);
            QUIETED.add(logger);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("pacer-test-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: it is a temp dir
        }
    }
}
