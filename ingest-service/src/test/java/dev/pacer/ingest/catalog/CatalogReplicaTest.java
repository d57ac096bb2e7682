package dev.pacer.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CatalogChanged;
import dev.pacer.events.CatalogKind;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.Topics;
import dev.pacer.ingest.TestCatalog;
import dev.pacer.ingest.TestDatasets;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class CatalogReplicaTest {
    @Inject
    ObjectMapper json;
    @Inject
    DatasetSchemas schemas;
    @Inject
    AgroalDataSource dataSource;

    private List<String> row(String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select version, deleted, event_id, applied_at from dataset_schema where key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> row = new ArrayList<>();
                if (rs.next()) {
                    for (int i = 1; i <= 4; i++) {
                        row.add(rs.getString(i));
                    }
                }
                return row;
            }
        }
    }

    private int timesProcessed(String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from processed_event where consumer = ? and event_id = ?")) {
            ps.setString(1, CatalogConsumer.NAME);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void awaitProcessed(String eventId) throws SQLException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (timesProcessed(eventId) == 0) {
            assertThat(Instant.now()).as("event %s consumed in time", eventId).isBefore(deadline);
            TestCatalog.sleep(50);
        }
    }

    @Test
    void aDatasetPublishedByMetricServiceBecomesKnownWithItsSchema() {
        String key = TestCatalog.newDatasetKey();
        TestCatalog.send(json, TestCatalog.orderLines(key, 1));

        DatasetSchema schema = TestCatalog.awaitSchema(schemas, key, 1);

        assertThat(schema.primaryKey()).containsExactly("order_id", "product_id");
        assertThat(schema.eventTimeField()).isEqualTo("order_date");
        assertThat(schema.fields().get("unit_price").type()).isEqualTo(FieldType.DECIMAL);
    }

    @Test
    void aNewerVersionReplacesTheSchemaAndAnOlderOneArrivingLateIsIgnored() throws Exception {
        String key = TestCatalog.newDatasetKey();
        Map<String, Object> v2 = TestDatasets.orderLines(key, 2);
        @SuppressWarnings("unchecked")
        List<Object> fields = (List<Object>) v2.get("fields");
        fields.add(TestDatasets.field("channel", "STRING", false));
        CloudEvent<CatalogChanged> second = TestCatalog.dataset(key, 2, v2);
        CloudEvent<CatalogChanged> first = TestCatalog.orderLines(key, 1);

        TestCatalog.send(json, second);
        TestCatalog.send(json, first); // out of order: version 1 after version 2
        awaitProcessed(first.id());

        DatasetSchema schema = schemas.find(key).orElseThrow();
        assertThat(schema.version()).isEqualTo(2);
        assertThat(schema.fields()).containsKey("channel");
        assertThat(row(key).get(2)).isEqualTo(second.id());
    }

    @Test
    void aDeletedDatasetIsForgottenAndALateOlderVersionDoesNotBringItBack() throws Exception {
        String key = TestCatalog.newDatasetKey();
        TestCatalog.send(json, TestCatalog.orderLines(key, 1));
        TestCatalog.awaitSchema(schemas, key, 1);

        CloudEvent<CatalogChanged> delete = TestCatalog.deleted(key, 2);
        TestCatalog.send(json, delete);
        awaitProcessed(delete.id());
        assertThat(schemas.find(key)).isEmpty();

        CloudEvent<CatalogChanged> late = TestCatalog.orderLines(key, 1);
        TestCatalog.send(json, late);
        awaitProcessed(late.id());
        assertThat(schemas.find(key)).isEmpty();
        assertThat(row(key).subList(0, 2)).containsExactly("2", "t");
    }

    @Test
    void aRedeliveredCatalogEventIsAppliedOnce() throws Exception {
        String key = TestCatalog.newDatasetKey();
        CloudEvent<CatalogChanged> event = TestCatalog.orderLines(key, 1);
        TestCatalog.send(json, event);
        TestCatalog.awaitSchema(schemas, key, 1);
        List<String> applied = row(key);

        TestCatalog.send(json, event); // the same event (same id) again, as a redelivery would bring it
        // a later event on the same Kafka key, so the same partition: once it is consumed, the copy was too
        CloudEvent<CatalogChanged> marker = TestCatalog.orderLines(key, 1);
        TestCatalog.send(json, marker);
        awaitProcessed(marker.id());

        assertThat(timesProcessed(event.id())).isEqualTo(1);
        assertThat(row(key)).isEqualTo(applied); // same version, same event, same applied_at: not applied again
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String key = TestCatalog.newDatasetKey();
        String poisonKey = "dataset:" + key;
        KafkaTestClient.send(Topics.CATALOG, poisonKey, "this is not a cloud event {");
        Map<String, Object> badDefinition = TestDatasets.orderLines(key, 1);
        badDefinition.put("fields", List.of(TestDatasets.field("order_id", "MONEY", true)));
        TestCatalog.send(json, TestCatalog.dataset(key, 1, badDefinition));
        TestCatalog.send(json, TestCatalog.orderLines(key, 2));

        TestCatalog.awaitSchema(schemas, key, 2);
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.poll(Topics.deadLetter(Topics.CATALOG),
                rs -> rs.stream().filter(r -> poisonKey.equals(r.key())).count() == 2, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> mine = dead.stream().filter(r -> poisonKey.equals(r.key())).toList();
        assertThat(mine.get(0).value()).isEqualTo("this is not a cloud event {");
        assertThat(header(mine.get(0), "dead-letter-topic")).isEqualTo(Topics.CATALOG);
        assertThat(header(mine.get(1), "dead-letter-reason")).contains("MONEY");
        assertThat(schemas.find(key).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void metricEntriesAreNotIngestsConcern() throws Exception {
        String key = TestCatalog.newDatasetKey();
        CloudEvent<CatalogChanged> metric = CloudEvent.of(EventSources.METRIC_SERVICE,
                new CatalogChanged(CatalogKind.METRIC, key, 1, false, Map.of("name", "Revenue")));
        TestCatalog.send(json, metric);
        awaitProcessed(metric.id());
        assertThat(row(key)).isEmpty();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
