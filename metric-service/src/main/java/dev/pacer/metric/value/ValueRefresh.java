package dev.pacer.metric.value;

import dev.pacer.platform.database.AfterCommit;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Recomputes metric values behind the records consumer rather than inside it. Storing facts costs in proportion to the
 * records, but recomputing a period costs in proportion to the facts already in it (a year's distinct customers are
 * counted over the whole year), so recomputing after every batch made a busy feed pay for its periods again and again.
 * Now the consumer only marks the changed event dates ({@link #markChanged}, in its own transaction: the mark commits
 * with the facts), and one worker thread recomputes whatever is marked — everything that arrived since its previous
 * round, in one round — and clears the marks in the same transaction (a crash redoes the round, and a round that
 * changes nothing publishes nothing). When records stop, the values are current one round later; under load, rounds
 * run back to back and each covers more records.
 */
@ApplicationScoped
public class ValueRefresh {
    private static final Logger LOG = Logger.getLogger(ValueRefresh.class);
    private static final Object WAKE_KEY = new Object();
    private static final String MARK = "insert into pending_value_refresh (dataset, event_date) "
            + "select * from unnest(?::text[], ?::date[])";
    /** The marks of one dataset, the one marked longest ago: a cheap dataset never waits behind an expensive one. */
    private static final String TAKE = "delete from pending_value_refresh where dataset = (select dataset from "
            + "pending_value_refresh order by id limit 1) returning dataset, event_date";

    private final AgroalDataSource dataSource;
    private final ValueEngine values;
    private final TransactionSynchronizationRegistry transactions;
    private final boolean enabled;
    private final long pollMillis;
    private final Counter rounds;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public ValueRefresh(AgroalDataSource dataSource, ValueEngine values, TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "pacer.values.refresh.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "pacer.values.refresh.poll-interval-ms", defaultValue = "1000") long pollMillis,
            MeterRegistry meters) {
        this.dataSource = dataSource;
        this.values = values;
        this.transactions = transactions;
        this.enabled = enabled;
        this.pollMillis = pollMillis;
        this.rounds = Counter.builder("pacer.values.refresh.rounds")
                .description("Rounds that recomputed the metric values of changed event dates").register(meters);
    }

    /** Marks changed event dates for recomputation in the caller's transaction; the worker wakes after the commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markChanged(Map<String, Set<LocalDate>> changedDates) {
        if (changedDates.isEmpty()) {
            return;
        }
        List<String> datasets = new java.util.ArrayList<>();
        List<LocalDate> dates = new java.util.ArrayList<>();
        changedDates.forEach((dataset, ds) -> ds.forEach(d -> {
            datasets.add(dataset);
            dates.add(d);
        }));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MARK)) {
            ps.setArray(1, c.createArrayOf("text", datasets.toArray()));
            ps.setArray(2, c.createArrayOf("date", dates.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark changed dates: " + e.getMessage(), e);
        }
        AfterCommit.once(transactions, WAKE_KEY, signal::release);
    }

    /**
     * One round: takes every marked date of the dataset marked longest ago and recomputes what they affect, in one
     * transaction. Returns how many values changed, or -1 when nothing was marked.
     */
    public int refreshOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Set<LocalDate>> marked = new HashMap<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TAKE);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    marked.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getObject(2, LocalDate.class));
                }
            }
            if (marked.isEmpty()) {
                return -1;
            }
            rounds.increment();
            return values.factsChanged(marked);
        });
    }

    void start(@Observes @Priority(5000) StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "value-refresh");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        signal.release();
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        long backoffMs = 100;
        while (running) {
            try {
                signal.drainPermits();
                if (refreshOnce() >= 0) {
                    backoffMs = 100;
                    continue; // more may have been marked meanwhile
                }
                signal.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Refreshing metric values failed, retrying in %d ms: %s", backoffMs, e.getMessage());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 10_000);
            }
        }
    }
}
