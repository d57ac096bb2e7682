package dev.pacer.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@link EventConsumer#applyBatch} through a real batch channel (fixture {@code WidgetBatchConsumer}). */
@QuarkusTest
@PacerTestStack
class BatchConsumerTest {
    private static final String TOPIC = "test.widget-batches";

    @Inject
    AgroalDataSource dataSource;

    private static String event(String id, String type, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/test","type":"%s","time":"2026-11-26T10:00:00Z",
                 "data":%s}""".formatted(id, type, data);
    }

    private static String widget(String id, String name) {
        return event(id, "dev.pacer.test.widget.created.v1", "{\"name\":\"" + name + "\"}");
    }

    private int applied(String name) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from widget_applied where name = ?")) {
            ps.setString(1, "batch:" + name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void awaitApplied(String name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (applied(name) == 0) {
            assertThat(Instant.now()).as("event %s applied in time", name).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void eachEventOfABatchIsAppliedOnceAndOnlyTheUnreadableOnesAreDeadLettered() throws Exception {
        String run = UUID.randomUUID().toString();
        String key = "batch-" + run; // one key: one partition, so the records arrive in this order
        String repeatedId = UUID.randomUUID().toString();
        KafkaTestClient.send(TOPIC, key, widget(repeatedId, "a-" + run));
        KafkaTestClient.send(TOPIC, key, widget(UUID.randomUUID().toString(), "b-" + run));
        KafkaTestClient.send(TOPIC, key, widget(repeatedId, "a-" + run));
        KafkaTestClient.send(TOPIC, key, "not a cloud event " + run);
        KafkaTestClient.send(TOPIC, key, event(UUID.randomUUID().toString(), "another.type", "{\"name\":\"x\"}"));
        KafkaTestClient.send(TOPIC, key, event(UUID.randomUUID().toString(), "dev.pacer.test.widget.created.v1",
                "{\"size\":3}"));
        KafkaTestClient.send(TOPIC, key, widget(UUID.randomUUID().toString(), "c-" + run));
        awaitApplied("c-" + run);

        assertThat(applied("a-" + run)).as("an id seen twice is applied once").isEqualTo(1);
        assertThat(applied("b-" + run)).isEqualTo(1);
        assertThat(applied("c-" + run)).isEqualTo(1);
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.poll(TOPIC + ".dlq",
                rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= 3, Duration.ofSeconds(30));
        List<String> reasons = dead.stream().filter(r -> key.equals(r.key()))
                .map(r -> header(r, "dead-letter-reason")).toList();
        assertThat(reasons).hasSize(3);
        assertThat(reasons).anyMatch(r -> r.contains("CloudEvent"));
        assertThat(reasons).anyMatch(r -> r.contains("another.type"));
        assertThat(reasons).anyMatch(r -> r.contains("without name"));
    }

    @Test
    void anEventAppliedInAnEarlierBatchIsSkippedWhenItComesAgain() throws Exception {
        String run = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        KafkaTestClient.send(TOPIC, "again-" + run, widget(id, "once-" + run));
        awaitApplied("once-" + run);

        KafkaTestClient.send(TOPIC, "again-" + run, widget(id, "once-" + run));
        KafkaTestClient.send(TOPIC, "again-" + run, widget(UUID.randomUUID().toString(), "marker-" + run));
        awaitApplied("marker-" + run);

        assertThat(applied("once-" + run)).isEqualTo(1);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
