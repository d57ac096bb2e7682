package dev.pacer.alert.alerts;

import dev.pacer.events.AlertStateChanged;
import dev.pacer.platform.database.AfterCommit;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The live feed of alert state changes for {@code GET /alerts/stream}: a change is broadcast only once its transaction
 * has committed, so a listener never sees a change that was rolled back. Listeners that connect later do not get
 * earlier changes (they read {@code GET /alerts} first).
 */
@ApplicationScoped
public class AlertStream {
    private static final Object KEY = new Object();

    private final BroadcastProcessor<AlertStateChanged> processor = BroadcastProcessor.create();
    private final TransactionSynchronizationRegistry transactions;

    public AlertStream(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** Every change from now on. */
    public Multi<AlertStateChanged> changes() {
        return processor;
    }

    /** Broadcasts {@code change} after the current transaction commits. */
    public void afterCommit(AlertStateChanged change) {
        AfterCommit.collect(transactions, KEY, change, changes -> changes.forEach(processor::onNext));
    }
}
