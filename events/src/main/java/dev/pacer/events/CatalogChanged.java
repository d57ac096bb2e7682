package dev.pacer.events;

import java.util.Locale;
import java.util.Map;

/** A dataset or metric definition was created, versioned or deleted (published by metric-service). */
public record CatalogChanged(
        CatalogKind kind,
        String key,
        int version,
        boolean deleted,
        Map<String, Object> definition) implements EventPayload {

    public CatalogChanged {
        Checks.present(kind, "kind");
        Checks.text(key, "key");
        if (!deleted) {
            Checks.present(definition, "definition of a catalog entry that is not deleted");
        }
        definition = Checks.copy(definition);
    }

    /** The Kafka key of a catalog entry: {@code kind:key} with the kind in lower case, e.g. {@code metric:revenue}. */
    public static String kafkaKeyOf(CatalogKind kind, String key) {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + key;
    }

    @Override
    public String kafkaKey() {
        return kafkaKeyOf(kind, key);
    }

    @Override
    public String eventType() {
        return EventTypes.CATALOG_CHANGED;
    }

    @Override
    public String topic() {
        return Topics.CATALOG;
    }
}
