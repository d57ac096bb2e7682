package dev.pacer.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import dev.pacer.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RecordPublisherTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC);
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static RecordChanged upsert(String key, BigDecimal price) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("order_date", LocalDate.of(1996, 7, 4));
        fields.put("unit_price", price);
        fields.put("quantity", 12L);
        return new RecordChanged("orders", key, RecordOperation.UPSERT, "erp", 5L, NOW, fields, NOW);
    }

    private static MockProducer<String, String> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new StringSerializer());
    }

    @Test
    void sendsCloudEventsKeyedByDatasetAndPrimaryKeyWithExactDecimals() throws Exception {
        MockProducer<String, String> producer = producer(true);
        RecordPublisher publisher = new RecordPublisher(producer, json, Duration.ofSeconds(5));

        publisher.publish(List.of(upsert("10248|11", new BigDecimal("14.00")),
                upsert("10248|42", new BigDecimal("0.15")),
                new RecordChanged("orders", "10249|14", RecordOperation.DELETE, "erp", 5L, null, null, NOW)));

        List<ProducerRecord<String, String>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsOnly("pacer.records");
        assertThat(sent).extracting(ProducerRecord::key)
                .containsExactly("orders:10248|11", "orders:10248|42", "orders:10249|14");
        assertThat(new String(sent.get(0).headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith("application/cloudevents+json");
        assertThat(sent.get(0).value()).contains("\"unit_price\":14.00").contains("\"order_date\":\"1996-07-04\"");
        assertThat(sent.get(1).value()).contains("\"unit_price\":0.15");

        JsonNode event = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(sent.get(0).value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("dev.pacer.record.changed.v1");
        assertThat(event.get("source").asText()).isEqualTo("/ingest-service");
        assertThat(event.get("subject").asText()).isEqualTo("orders:10248|11");
        assertThat(event.at("/data/operation").asText()).isEqualTo("UPSERT");
        assertThat(event.at("/data/sourceVersion").asLong()).isEqualTo(5L);
        assertThat(json.readTree(sent.get(2).value()).at("/data/operation").asText()).isEqualTo("DELETE");
    }

    @Test
    void aFailedAcknowledgementIs503() {
        MockProducer<String, String> producer = producer(false);
        RecordPublisher publisher = new RecordPublisher(producer, json, Duration.ofSeconds(5));
        Thread broker = new Thread(() -> {
            while (!producer.errorNext(new NotEnoughReplicasException("only 1 of 3 in sync"))) {
                Thread.onSpinWait();
            }
        });
        broker.start();

        assertThatThrownBy(() -> publisher.publish(List.of(upsert("1|1", BigDecimal.ONE))))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.problem().detail()).contains("retry");
                });
    }

    @Test
    void noAcknowledgementInTimeIs503() {
        RecordPublisher publisher = new RecordPublisher(producer(false), json, Duration.ofMillis(200));

        assertThatThrownBy(() -> publisher.publish(List.of(upsert("1|1", BigDecimal.ONE))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(503));
    }

    @Test
    void aSendThatFailsAtOnceIs503() {
        MockProducer<String, String> producer = producer(true);
        producer.sendException = new org.apache.kafka.common.errors.TimeoutException("metadata not available");
        RecordPublisher publisher = new RecordPublisher(producer, json, Duration.ofSeconds(5));

        assertThatThrownBy(() -> publisher.publish(List.of(upsert("1|1", BigDecimal.ONE))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(503));
    }
}
