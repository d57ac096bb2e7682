package dev.pacer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pacer.dev.kafka.KafkaBroker;

class KafkaBrokerTest {

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quiet() {
        KafkaBrokerResource.quietBrokerLogs();
    }

    @Test
    void brokerOnFreePortsDeliversAProducedRecordToAConsumer() throws Exception {
        long started = System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.start(dataDir, 0, 0)) {
            System.out.printf("KafkaBroker.start took %d ms%n", (System.nanoTime() - started) / 1_000_000);
            String bootstrap = broker.bootstrapServers();
            assertTrue(bootstrap.startsWith("127.0.0.1:"), bootstrap);
            createTopic(bootstrap, "test.greetings");

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("test.greetings", "k1", "hello")).get(30, TimeUnit.SECONDS);
            }

            List<ConsumerRecord<String, String>> received = consume(bootstrap, "test.greetings", 1);
            assertEquals(1, received.size());
            assertEquals("k1", received.get(0).key());
            assertEquals("hello", received.get(0).value());
        }
    }

    @Test
    void restartReusesTheFormattedStorageAndKeepsTopics() throws Exception {
        String clusterId;
        try (KafkaBroker broker = KafkaBroker.start(dataDir, 0, 0)) {
            createTopic(broker.bootstrapServers(), "test.kept");
            clusterId = clusterId(broker.bootstrapServers());
        }
        try (KafkaBroker broker = KafkaBroker.start(dataDir, 0, 0);
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertEquals(clusterId, clusterId(broker.bootstrapServers()));
            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("test.kept"));
        }
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    static List<ConsumerRecord<String, String>> consume(String bootstrap, String topic, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrap,
                "group.id", "test-" + System.nanoTime(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
