package dev.pacer.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link AfterCommit} against a stand-in registry (a unit test: the stand-in only keeps resources and
 * synchronizations of one pretend transaction and completes them as told; the real registry is Narayana's, used by
 * the outbox, value refresh and delivery tests).
 */
class AfterCommitTest {

    /** One pretend transaction's registry. */
    static final class StandInRegistry implements TransactionSynchronizationRegistry {
        final Map<Object, Object> resources = new HashMap<>();
        final List<Synchronization> synchronizations = new ArrayList<>();

        void complete(int status) {
            synchronizations.forEach(Synchronization::beforeCompletion);
            synchronizations.forEach(s -> s.afterCompletion(status));
        }

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void putResource(Object key, Object value) {
            resources.put(key, value);
        }

        @Override
        public Object getResource(Object key) {
            return resources.get(key);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }

    @Test
    void theActionRunsOnceAfterTheCommitHoweverOftenItWasAskedFor() {
        StandInRegistry tx = new StandInRegistry();
        AtomicInteger runs = new AtomicInteger();
        Object key = new Object();

        AfterCommit.once(tx, key, runs::incrementAndGet);
        AfterCommit.once(tx, key, runs::incrementAndGet);
        assertThat(runs).as("nothing before the commit").hasValue(0);
        tx.complete(Status.STATUS_COMMITTED);

        assertThat(runs).hasValue(1);
    }

    @Test
    void aRollbackRunsNothingAndAnotherKeyIsAnotherAction() {
        StandInRegistry tx = new StandInRegistry();
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        AfterCommit.once(tx, "a", a::incrementAndGet);
        AfterCommit.once(tx, "b", b::incrementAndGet);

        tx.complete(Status.STATUS_ROLLEDBACK);

        assertThat(a).hasValue(0);
        assertThat(b).hasValue(0);
        assertThat(tx.synchronizations).hasSize(2);
    }

    @Test
    void collectedItemsAreHandedOnOnceInOrderAfterTheCommitAndNotAfterARollback() {
        StandInRegistry tx = new StandInRegistry();
        java.util.List<java.util.List<String>> handed = new java.util.ArrayList<>();
        AfterCommit.collect(tx, "k", "first", handed::add);
        AfterCommit.collect(tx, "k", "second", handed::add);
        assertThat(handed).as("nothing before the commit").isEmpty();
        tx.complete(Status.STATUS_COMMITTED);
        assertThat(handed).containsExactly(java.util.List.of("first", "second"));
        assertThat(tx.synchronizations).hasSize(1);

        StandInRegistry rolledBack = new StandInRegistry();
        java.util.List<java.util.List<String>> none = new java.util.ArrayList<>();
        AfterCommit.collect(rolledBack, "k", "lost", none::add);
        rolledBack.complete(Status.STATUS_ROLLEDBACK);
        assertThat(none).isEmpty();
    }
}
