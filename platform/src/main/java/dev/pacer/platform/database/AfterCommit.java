package dev.pacer.platform.database;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs an action once the current transaction has committed — at most once per transaction and key, however often it
 * is asked for — and not at all when it rolls back; or hands it, after the commit, everything collected under a key. Used to wake a worker only when there is committed work for it
 * (the outbox relay, the value refresh, the delivery worker).
 */
public final class AfterCommit {
    private AfterCommit() {
    }

    /**
     * @param key    identifies the action within the transaction (a private constant of the caller)
     * @param action run on the committing thread after the commit; it should only hand work over (wake a thread)
     */
    public static void once(TransactionSynchronizationRegistry transactions, Object key, Runnable action) {
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        onCommit(transactions, action);
    }

    /**
     * Adds {@code item} to the current transaction's list under {@code key}; after the commit {@code action} gets the
     * whole list once, in the order the items were added (nothing after a rollback). Used to hand on what a
     * transaction produced only once it is committed (alert-service's live stream of alert changes).
     */
    public static <T> void collect(TransactionSynchronizationRegistry transactions, Object key, T item,
            Consumer<List<T>> action) {
        @SuppressWarnings("unchecked")
        List<T> pending = (List<T>) transactions.getResource(key);
        if (pending == null) {
            List<T> list = new ArrayList<>();
            transactions.putResource(key, list);
            onCommit(transactions, () -> action.accept(list));
            pending = list;
        }
        pending.add(item);
    }

    private static void onCommit(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
