package dev.pacer.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.KafkaTestClient;
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

@QuarkusTest
@PacerTestStack
class IdempotentConsumerTest {
    private static final String TOPIC = "test.widgets";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventConsumer consumer;

    private static String event(String id, String name) {
        return """
                {"specversion":"1.0","id":"%s","source":"/test","type":"dev.pacer.test.widget.created.v1",
                 "subject":"%s","time":"2026-11-26T10:00:00Z","datacontenttype":"application/json",
                 "data":{"name":"%s"}}""".formatted(id, name, name);
    }

    private int applied(String name) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from widget_applied where name = ?")) {
            ps.setString(1, name);
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
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String name = "twice-" + id;
        String marker = "marker-" + id;
        KafkaTestClient.send(TOPIC, name, event(id, name));
        KafkaTestClient.send(TOPIC, name, event(id, name));
        // Same key, so same partition: once the later marker is applied, both copies have been consumed.
        KafkaTestClient.send(TOPIC, name, event(UUID.randomUUID().toString(), marker));
        awaitApplied(marker);

        assertThat(applied(name)).isEqualTo(1);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicWithItsOriginAndTheConsumerGoesOn() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        KafkaTestClient.send(TOPIC, key, "this is not a cloud event {");
        String after = "after-" + key;
        KafkaTestClient.send(TOPIC, key, event(UUID.randomUUID().toString(), after));

        awaitApplied(after);
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.poll(TOPIC + ".dlq",
                rs -> rs.stream().anyMatch(r -> key.equals(r.key())), Duration.ofSeconds(30));
        ConsumerRecord<String, String> poison = dead.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        assertThat(poison.value()).isEqualTo("this is not a cloud event {");
        assertThat(header(poison, "dead-letter-topic")).isEqualTo(TOPIC);
        assertThat(header(poison, "dead-letter-offset")).isNotBlank();
        assertThat(header(poison, "dead-letter-partition")).isNotBlank();
        assertThat(header(poison, "dead-letter-reason")).contains("CloudEvent");
    }

    @Test
    void anEventTheHandlerRefusesIsDeadLetteredToo() throws Exception {
        String key = "refused-" + UUID.randomUUID();
        String noName = """
                {"specversion":"1.0","id":"%s","source":"/test","type":"t","data":{"size":1}}"""
                .formatted(UUID.randomUUID());
        KafkaTestClient.send(TOPIC, key, noName);
        KafkaTestClient.send(TOPIC, key, event(UUID.randomUUID().toString(), "after-" + key));
        awaitApplied("after-" + key);
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.poll(TOPIC + ".dlq",
                rs -> rs.stream().anyMatch(r -> key.equals(r.key())), Duration.ofSeconds(30));
        assertThat(dead).anyMatch(r -> key.equals(r.key()) && header(r, "dead-letter-reason").contains("without name"));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void eventIdsOlderThanTheRetentionAreForgottenByTheDatabaseClock() throws Exception {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into processed_event (consumer, event_id, processed_at) values ('retention-test', ?, "
                        + "now() - make_interval(days => ?))")) {
            ps.setString(1, old);
            ps.setInt(2, 8);
            ps.executeUpdate();
            ps.setString(1, recent);
            ps.setInt(2, 6);
            ps.executeUpdate();
        }

        assertThat(consumer.forgetOlderThan(Duration.ofDays(7))).isGreaterThanOrEqualTo(1);

        assertThat(remembered(old)).as("the old id is forgotten").isFalse();
        assertThat(remembered(recent)).as("the recent id is kept").isTrue();
    }

    private boolean remembered(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select 1 from processed_event where consumer = 'retention-test' and event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
