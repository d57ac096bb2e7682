package dev.pacer.platform.database;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs an action once the current transaction has committed — at most once per transaction and key, however often it
 * is asked for — and not at all when it rolls back. Used to wake a worker only when there is committed work for it
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
