package dev.pacer.goal.catalog;

import dev.pacer.events.CatalogChanged;
import dev.pacer.events.EventTypes;
import dev.pacer.platform.messaging.EventConsumer;
import dev.pacer.platform.messaging.PoisonMessageException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link MetricCatalog} in step with {@code pacer.catalog}: each event is applied once (by event id) and only
 * if newer than what is held; events that can never be applied go to {@code pacer.catalog.dlq}.
 */
@ApplicationScoped
public class CatalogConsumer {
    /** The name under which applied event ids are recorded. */
    public static final String NAME = "goal-catalog";

    private final EventConsumer events;
    private final MetricCatalog catalog;

    public CatalogConsumer(EventConsumer events, MetricCatalog catalog) {
        this.events = events;
        this.catalog = catalog;
    }

    @Incoming("catalog")
    @Blocking
    public void onCatalogChanged(ConsumerRecord<String, String> record) {
        events.apply(NAME, record, CatalogChanged.class, event -> {
            if (!EventTypes.CATALOG_CHANGED.equals(event.type())) {
                throw new PoisonMessageException("Event " + event.id() + " on pacer.catalog has type " + event.type()
                        + ", not " + EventTypes.CATALOG_CHANGED);
            }
            catalog.apply(event.data(), event.id());
        });
    }
}
