package dev.pacer.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SchemaCacheTest {
    private final AtomicLong clock = new AtomicLong(1_000);
    private final SchemaCache cache = new SchemaCache(Duration.ofNanos(100), clock::get);

    private static DatasetSchema schema(String key, int version) {
        return DatasetSchema.fromDefinition(key, version, Map.of(
                "fields", List.of(Map.of("name", "id", "type", "INTEGER", "required", true)),
                "primaryKey", List.of("id")));
    }

    @Test
    void aSchemaIsUsedForItsTimeToLiveThenReadAgain() {
        cache.put(schema("orders", 1));

        clock.addAndGet(99);
        assertThat(cache.get("orders")).get().extracting(DatasetSchema::version).isEqualTo(1);
        clock.addAndGet(1);
        assertThat(cache.get("orders")).isEmpty();
        assertThat(cache.get("customers")).isEmpty();
    }

    @Test
    void aChangeAppliedHereDropsTheSchemaAndKeepsOlderReadsOut() {
        cache.put(schema("orders", 1));

        cache.changed("orders", 2);
        assertThat(cache.get("orders")).isEmpty();
        cache.put(schema("orders", 1)); // read before the change committed
        assertThat(cache.get("orders")).isEmpty();
        cache.put(schema("orders", 2));
        assertThat(cache.get("orders")).get().extracting(DatasetSchema::version).isEqualTo(2);
        cache.changed("orders", 1); // a late, older change does not lower the bar
        cache.put(schema("orders", 1));
        assertThat(cache.get("orders")).isEmpty();
    }

    @Test
    void aZeroTimeToLiveKeepsNothing() {
        SchemaCache off = new SchemaCache(Duration.ZERO, clock::get);

        off.put(schema("orders", 1));

        assertThat(off.get("orders")).isEmpty();
    }
}
