package dev.pacer.dev.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Runs the dev Kafka broker as its own process: {@code java -jar dev/target/pacer-dev-0.1.0-SNAPSHOT.jar
 * [dataDir] [port] [controllerPort]}.
 *
 * <p>Defaults: data dir {@code .pacer/kafka} (env {@code PACER_KAFKA_DATA_DIR}), port 9092 (env
 * {@code PACER_KAFKA_PORT}), controller port 9093 (env {@code PACER_KAFKA_CONTROLLER_PORT}); arguments
 * win over the environment. Creates the Pacer topics and their {@code .dlq} topics if missing, prints
 * {@code Kafka ready on 127.0.0.1:<port>} and runs until SIGTERM/SIGINT.
 */
public final class KafkaBrokerMain {

    public static final int PARTITIONS = 3;
    /** Pacer topics; each also gets a dead-letter topic {@code <topic>.dlq}. */
    public static final List<String> TOPICS = List.of(
            "pacer.records", "pacer.catalog", "pacer.metric-values", "pacer.goal-progress", "pacer.alerts");
    /** Topics that keep the latest value per key. */
    public static final Set<String> COMPACTED = Set.of("pacer.catalog");

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(arg(args, 0, "PACER_KAFKA_DATA_DIR", ".pacer/kafka"));
        int port = Integer.parseInt(arg(args, 1, "PACER_KAFKA_PORT", "9092"));
        int controllerPort = Integer.parseInt(arg(args, 2, "PACER_KAFKA_CONTROLLER_PORT", "9093"));

        KafkaBroker broker = KafkaBroker.start(dataDir, port, controllerPort);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-shutdown"));
        createTopics(broker.bootstrapServers());
        System.out.println("Kafka ready on " + broker.bootstrapServers());
        System.out.flush();
        broker.awaitShutdown();
    }

    /** Creates the Pacer topics and their dead-letter topics that do not exist yet. */
    public static void createTopics(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : TOPICS) {
                for (String name : List.of(topic, topic + ".dlq")) {
                    if (!existing.contains(name)) {
                        NewTopic newTopic = new NewTopic(name, PARTITIONS, (short) 1);
                        if (COMPACTED.contains(name)) {
                            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                        }
                        missing.add(newTopic);
                    }
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String arg(String[] args, int index, String env, String fallback) {
        if (args.length > index && !args[index].isBlank()) {
            return args[index];
        }
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }
}
