package dev.pacer.alert.alerts;

import dev.pacer.events.AlertStateChanged;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;

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
        @SuppressWarnings("unchecked")
        List<AlertStateChanged> pending = (List<AlertStateChanged>) transactions.getResource(KEY);
        if (pending == null) {
            List<AlertStateChanged> list = new ArrayList<>();
            transactions.putResource(KEY, list);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        list.forEach(processor::onNext);
                    }
                }
            });
            pending = list;
        }
        pending.add(change);
    }
}
