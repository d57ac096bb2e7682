package dev.pacer.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The topics of the event contract ({@code events/src/main/resources/asyncapi.yaml}) exist with the contract's cleanup
 * policy wherever Pacer is deployed — declared for Strimzi in {@code k8s/}, created before the services in
 * docker-compose — since a topic the broker creates on first use has one partition and {@code cleanup.policy=delete}
 * (the catalog would lose its definitions after the retention time); and every topic a service reads or dead-letters
 * to is in the contract.
 */
class EventTopicsTest {

    static final Path CONTRACT = Path.of("events/src/main/resources/asyncapi.yaml");
    static final String TOPICS_FILE = "kafka-topics.yaml";
    static final String COMPOSE_TOPICS = "kafka-topics";
    private static final Pattern CREATE = Pattern.compile("(?m)^\\s*create\\s+(\\S+)\\s+(\\S+)\\s*$");

    /** Topic → cleanup policy, as the contract states them (delete where it states none, Kafka's default). */
    private static final Map<String, String> contract = new TreeMap<>();

    @BeforeAll
    static void parse() {
        Map<String, Object> asyncapi = Y.map(Repo.yamlDocuments(Repo.root().resolve(CONTRACT)).get(0));
        Y.map(asyncapi, "channels").forEach((name, channel) -> {
            String address = Y.str(channel, "address");
            assertThat(address).as("channel %s address", name).isNotBlank();
            List<Object> policy = Y.list(channel, "bindings", "kafka", "topicConfiguration", "cleanup.policy");
            contract.put(address, policy.isEmpty() ? "delete" : String.join(",", policy.stream().map(Object::toString).toList()));
        });
    }

    static List<ServiceFacts> services() {
        return Repo.services();
    }

    @Test
    void theContractGivesEveryTopicADeadLetterTopicAndCompactsTheCatalog() {
        assertThat(contract).isNotEmpty().containsEntry("pacer.catalog", "compact");
        contract.keySet().stream().filter(t -> !t.endsWith(".dlq"))
                .forEach(t -> assertThat(contract).as("the dead-letter topic of %s", t).containsKey(t + ".dlq"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyTopicTheServiceReadsOrDeadLettersToIsInTheContract(ServiceFacts service) {
        service.config().properties().forEach((key, value) -> {
            if (key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                assertThat(contract).as("%s: %s=%s", service, key, value).containsKey(value);
            }
        });
    }

    @Test
    void kubernetesDeclaresEveryTopicOfTheContractForStrimzi() {
        Path file = Repo.k8s().resolve(TOPICS_FILE);
        assertThat(file).isRegularFile();
        int maxReplicas = 0;
        for (Path yaml : Repo.k8sFiles()) {
            for (Object document : Repo.yamlDocuments(yaml)) {
                if ("HorizontalPodAutoscaler".equals(Y.str(document, "kind"))) {
                    maxReplicas = Math.max(maxReplicas, Integer.parseInt(Y.str(document, "spec", "maxReplicas")));
                }
            }
        }
        assertThat(maxReplicas).as("the autoscalers' maxReplicas").isPositive();
        Map<String, String> declared = new TreeMap<>();
        for (Object topic : Repo.yamlDocuments(file)) {
            String name = Y.str(topic, "metadata", "name");
            assertThat(Y.str(topic, "apiVersion")).as("%s apiVersion", name).startsWith("kafka.strimzi.io/");
            assertThat(Y.str(topic, "kind")).as("%s kind", name).isEqualTo("KafkaTopic");
            assertThat(Y.str(topic, "metadata", "labels", "strimzi.io/cluster")).as("%s: the Kafka cluster", name)
                    .isNotBlank();
            assertThat(Y.str(topic, "spec", "topicName")).as("%s spec.topicName (the name is the topic's)", name)
                    .isIn(null, name);
            int partitions = Integer.parseInt(Y.str(topic, "spec", "partitions"));
            assertThat(partitions).as("%s partitions: a consumer for each replica the autoscalers may run", name)
                    .isGreaterThanOrEqualTo(maxReplicas);
            int replicas = Integer.parseInt(Y.str(topic, "spec", "replicas"));
            int minInSync = Integer.parseInt(Y.str(topic, "spec", "config", "min.insync.replicas"));
            assertThat(minInSync).as("%s min.insync.replicas: acks=all survives one broker down", name)
                    .isGreaterThanOrEqualTo(2).isLessThan(replicas);
            assertThat(declared.put(name, Y.str(topic, "spec", "config", "cleanup.policy"))).as("%s twice", name)
                    .isNull();
        }
        assertThat(declared).isEqualTo(contract);
    }

    @Test
    void composeCreatesEveryTopicOfTheContractBeforeAnyServiceStarts() {
        Map<String, Object> compose = Y.map(Repo.yamlDocuments(Repo.compose()).get(0));
        Map<String, Object> init = Y.map(compose, "services", COMPOSE_TOPICS);
        assertThat(Y.str(init, "image")).as("%s image", COMPOSE_TOPICS)
                .isEqualTo(Y.str(compose, "services", "kafka", "image"));
        assertThat(Y.str(init, "depends_on", "kafka", "condition")).isEqualTo("service_healthy");
        List<String> command = new ArrayList<>();
        Y.list(init, "command").forEach(c -> command.add(c.toString()));
        String script = String.join("\n", command);
        assertThat(script).contains("--if-not-exists").contains("--config cleanup.policy=");
        Map<String, String> created = new TreeMap<>();
        Matcher m = CREATE.matcher(script);
        while (m.find()) {
            assertThat(created.put(m.group(1), m.group(2))).as("%s created twice", m.group(1)).isNull();
        }
        assertThat(created).isEqualTo(contract);
        for (ServiceFacts service : services()) {
            assertThat(Y.str(compose, "services", service.name(), "depends_on", COMPOSE_TOPICS, "condition"))
                    .as("%s waits for the topics", service).isEqualTo("service_completed_successfully");
        }
    }
}
