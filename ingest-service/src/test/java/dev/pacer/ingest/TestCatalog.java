package dev.pacer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CatalogChanged;
import dev.pacer.events.CatalogKind;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.testing.KafkaTestClient;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Publishes catalog events as metric-service does, and waits for ingest-service to apply them. */
public final class TestCatalog {
    private TestCatalog() {
    }

    public static String newDatasetKey() {
        return "orders_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A DATASET entry at a version, wrapped in a CloudEvent from metric-service. */
    public static CloudEvent<CatalogChanged> dataset(String key, int version, Map<String, Object> definition) {
        return CloudEvent.of(EventSources.METRIC_SERVICE,
                new CatalogChanged(CatalogKind.DATASET, key, version, false, definition));
    }

    public static CloudEvent<CatalogChanged> orderLines(String key, int version) {
        return dataset(key, version, TestDatasets.orderLines(key, version));
    }

    public static CloudEvent<CatalogChanged> deleted(String key, int version) {
        return CloudEvent.of(EventSources.METRIC_SERVICE, new CatalogChanged(CatalogKind.DATASET, key, version, true, null));
    }

    public static void send(ObjectMapper json, CloudEvent<CatalogChanged> event) {
        try {
            KafkaTestClient.send(event.data().topic(), event.data().kafkaKey(), json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until ingest holds the dataset at this version (30 s at most). */
    public static DatasetSchema awaitSchema(DatasetSchemas schemas, String key, int version) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            Optional<DatasetSchema> s = schemas.find(key);
            if (s.isPresent() && s.get().version() == version) {
                return s.get();
            }
            assertThat(Instant.now()).as("dataset %s version %d known to ingest in time", key, version)
                    .isBefore(deadline);
            sleep(50);
        }
    }

    /** Publishes the order-lines dataset at version 1 and waits until ingest knows it. */
    public static String defineOrderLines(ObjectMapper json, DatasetSchemas schemas) {
        String key = newDatasetKey();
        send(json, orderLines(key, 1));
        awaitSchema(schemas, key, 1);
        return key;
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
