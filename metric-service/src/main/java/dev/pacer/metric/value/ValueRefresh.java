package dev.pacer.metric.value;

import dev.pacer.platform.database.AfterCommit;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Timer;
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
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * with the facts), and worker threads recompute whatever is marked — everything that arrived since the previous
 * round, in one round — and clear the marks in the same transaction (a crash redoes the round, and a round that
 * changes nothing publishes nothing). When records stop, the values are current one round later; under load, rounds
 * run back to back and each covers more records.
 *
 * <p>A round takes one dataset: the one marked longest ago that no other worker (of any replica) is refreshing, held by
 * an advisory lock for the round, and sees one snapshot of the facts (see {@link #refreshOnce}). Several workers
 * ({@code pacer.values.refresh.workers}) refresh different datasets side by side, so a small dataset's values never
 * wait for a large one's round; rounds whose metrics overlap (a ratio over two datasets) still run one after the other
 * ({@link MetricLocks}). A dataset whose round took {@code T} is not taken again for {@code T} while records keep
 * arriving for it ({@link RoundPacing}): under a sustained feed its recomputation then uses at most about half a core
 * and each round covers more records, while a quiet dataset's rounds, taking milliseconds, are not held back.
 */
@ApplicationScoped
public class ValueRefresh {
    private static final Logger LOG = Logger.getLogger(ValueRefresh.class);
    private static final Object WAKE_KEY = new Object();
    private static final String MARK = "insert into pending_value_refresh (dataset, event_date) "
            + "select * from unnest(?::text[], ?::date[])";
    /** Datasets with marks, the one marked longest ago first. */
    private static final String MARKED = "select dataset from pending_value_refresh group by dataset order by min(id)";
    private static final String TAKE = "delete from pending_value_refresh where dataset = ? returning event_date";

    private final AgroalDataSource dataSource;
    private final ValueEngine values;
    private final TransactionSynchronizationRegistry transactions;
    private final boolean enabled;
    private final long pollMillis;
    private final int workerCount;
    private final MeterRegistry meters;
    private final Semaphore signal = new Semaphore(0);
    private final RoundPacing pacing = new RoundPacing();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    public ValueRefresh(AgroalDataSource dataSource, ValueEngine values, TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "pacer.values.refresh.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "pacer.values.refresh.poll-interval-ms", defaultValue = "1000") long pollMillis,
            @ConfigProperty(name = "pacer.values.refresh.workers", defaultValue = "2") int workerCount,
            MeterRegistry meters) {
        this.dataSource = dataSource;
        this.values = values;
        this.transactions = transactions;
        this.enabled = enabled;
        this.pollMillis = pollMillis;
        this.workerCount = Math.max(1, workerCount);
        this.meters = meters;
    }

    /** Marks changed event dates for recomputation in the caller's transaction; a worker wakes after the commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markChanged(Map<String, Set<LocalDate>> changedDates) {
        if (changedDates.isEmpty()) {
            return;
        }
        List<String> datasets = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
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
        long now = System.nanoTime();
        changedDates.keySet().forEach(dataset -> pacing.marked(dataset, now));
        AfterCommit.once(transactions, WAKE_KEY, signal::release);
    }

    /** What one round did: the dataset it took and how many values changed. */
    record Round(String dataset, int changed) {
    }

    /**
     * One round: takes every marked date of the dataset marked longest ago that is neither resting nor being refreshed
     * by another worker, and recomputes what they affect, in one transaction. Null when there was no such dataset.
     *
     * <p>The locks come first, on a connection of their own (session-level advisory locks: the dataset's, then those
     * of every metric the round may write, ascending), and only then the round's transaction begins, in REPEATABLE READ:
     * every metric of the round is computed from one snapshot of the facts — revenue and order count agree, and the
     * marks taken are exactly those of the facts seen (facts and marks commit together) — and that snapshot is newer
     * than the last commit of any other computation of those metrics, which the locks waited for.
     */
    Round refreshOnce(Set<String> resting) throws SQLException {
        try (Connection locks = dataSource.getConnection()) {
            try {
                for (String dataset : marked(locks)) {
                    if (resting.contains(dataset) || !tryLock(locks, MetricLocks.id("pacer-value-refresh:" + dataset))) {
                        continue;
                    }
                    Set<String> written = QuarkusTransaction.requiringNew().call(() -> values.writtenByRefresh(dataset));
                    for (long id : MetricLocks.ids(written)) {
                        lock(locks, id);
                    }
                    Round round = QuarkusTransaction.requiringNew().call(() -> {
                        snapshot();
                        Set<LocalDate> dates = take(dataset);
                        if (dates.isEmpty()) {
                            return null; // another worker finished it between the two reads
                        }
                        long started = System.nanoTime();
                        Round r = new Round(dataset, values.factsChanged(Map.of(dataset, dates), written));
                        Timer.builder("pacer.values.refresh.round")
                                .description("Refresh rounds: recomputing the metric values of a dataset's changed "
                                        + "event dates (count and duration per dataset)")
                                .tag("dataset", dataset).register(meters)
                                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        return r;
                    });
                    if (round != null) {
                        return round;
                    }
                    unlockAll(locks);
                }
                return null;
            } finally {
                unlockAll(locks); // the connection goes back to the pool: it must not keep a lock
            }
        }
    }

    /** Makes the current transaction REPEATABLE READ; must be its first statement (checked). */
    private void snapshot() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("set transaction isolation level repeatable read");
            try (ResultSet rs = s.executeQuery("select current_setting('transaction_isolation')")) {
                if (!rs.next() || !"repeatable read".equals(rs.getString(1))) {
                    throw new IllegalStateException("the refresh round is not REPEATABLE READ");
                }
            }
        }
    }

    private static boolean tryLock(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void lock(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_lock(?)")) {
            ps.setLong(1, id);
            ps.execute();
        }
    }

    private static void unlockAll(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select pg_advisory_unlock_all()");
        }
    }

    private static List<String> marked(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(MARKED); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private Set<LocalDate> take(String dataset) throws SQLException {
        Set<LocalDate> dates = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dates.add(rs.getObject(1, LocalDate.class));
                }
            }
        }
        return dates;
    }

    void start(@Observes @Priority(5000) StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::loop, "value-refresh-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        signal.release(workers.size());
        for (Thread worker : workers) {
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
                long now = System.nanoTime();
                Round round = refreshOnce(pacing.resting(now));
                if (round != null) {
                    pacing.roundRan(round.dataset(), now, System.nanoTime());
                    backoffMs = 100;
                    continue; // more may have been marked meanwhile
                }
                long wait = pacing.untilNextEnd(now, TimeUnit.MILLISECONDS.toNanos(pollMillis));
                signal.tryAcquire(TimeUnit.NANOSECONDS.toMillis(wait) + 1, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
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
