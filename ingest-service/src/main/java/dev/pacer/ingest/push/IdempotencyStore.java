package dev.pacer.ingest.push;

import dev.pacer.ingest.IngestConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Remembers Idempotency-Keys per caller in {@code idempotency_key}. A request first claims its key (in a transaction
 * of its own, so a concurrent twin sees the claim), then completes it with its answer once Kafka acknowledged the
 * records, or abandons it when it fails, so that the client's retry with the same key runs again.
 */
@ApplicationScoped
public class IdempotencyStore {
    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);
    private static final String CLAIM = "insert into idempotency_key (caller, key, fingerprint, started_at) "
            + "values (?, ?, ?, ?) on conflict do nothing";
    private static final String SELECT = "select fingerprint, response, started_at from idempotency_key "
            + "where caller = ? and key = ? for update";
    private static final String TAKE_OVER = "update idempotency_key set started_at = ? where caller = ? and key = ?";
    private static final String COMPLETE = "update idempotency_key set response = ?, completed_at = ? "
            + "where caller = ? and key = ?";
    private static final String ABANDON = "delete from idempotency_key where caller = ? and key = ? and response is null";
    private static final String FORGET = "delete from idempotency_key where started_at < ?";

    private final AgroalDataSource dataSource;
    private final IngestConfig config;
    private final Clock clock = Clock.systemUTC();

    public IdempotencyStore(AgroalDataSource dataSource, IngestConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Claims the key for a request with this fingerprint, or finds it already used.
     *
     * @return the stored answer to replay, or empty when the caller goes ahead (and must complete or abandon)
     * @throws dev.pacer.platform.problem.ProblemException 422 for a different request, 409 while the same one runs
     */
    public Optional<String> begin(String caller, String key, String fingerprint) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                Instant now = clock.instant();
                while (true) {
                    if (update(c, CLAIM, caller, key, fingerprint, Timestamp.from(now)) == 1) {
                        return Optional.<String>empty();
                    }
                    Optional<Idempotency.Entry> seen = select(c, caller, key);
                    if (seen.isEmpty()) {
                        continue; // abandoned between our insert and select: claim again
                    }
                    Idempotency.Decision d = Idempotency.decide(seen.get(), fingerprint, now,
                            config.push().idempotencyLease());
                    if (d == Idempotency.Decision.REPLAY) {
                        return Optional.of(seen.get().response());
                    }
                    update(c, TAKE_OVER, Timestamp.from(now), caller, key);
                    return Optional.<String>empty();
                }
            }
        });
    }

    /** Stores the answer of a claimed key, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String caller, String key, String response) {
        try (Connection c = dataSource.getConnection()) {
            if (update(c, COMPLETE, response, Timestamp.from(clock.instant()), caller, key) != 1) {
                throw new IllegalStateException("Idempotency-Key " + key + " was not claimed");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the answer of an Idempotency-Key: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a request once per caller and key: without a key it simply runs; with one it claims the key first and
     * replays the stored answer of an earlier twin, and if the request fails it releases the key so that a retry runs
     * again. The request itself completes the key with its answer ({@link #complete}) in the transaction that records
     * its outcome.
     *
     * @param what names the key in a log line if it cannot be released (e.g. "Idempotency-Key")
     */
    public PushAnswer once(String caller, String key, String fingerprint, String what, Supplier<PushResult> request) {
        if (key != null) {
            Optional<String> stored = begin(caller, key, fingerprint);
            if (stored.isPresent()) {
                return PushAnswer.replay(stored.get());
            }
        }
        boolean completed = false;
        try {
            PushResult result = request.get();
            completed = true;
            return PushAnswer.fresh(result);
        } finally {
            if (!completed && key != null) {
                try {
                    abandon(caller, key);
                } catch (RuntimeException e) { // must not hide the request's own failure; the key then expires
                    LOG.warnf("Could not release %s %s of %s; it is blocked until its lease expires: %s", what, key,
                            caller, e.getMessage());
                }
            }
        }
    }

    /** Releases a claimed key whose request failed, so that a retry runs again. */
    public void abandon(String caller, String key) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                update(c, ABANDON, caller, key);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not release an Idempotency-Key: " + e.getMessage(), e);
            }
        });
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetOldKeys() {
        Instant cutoff = clock.instant().minus(config.push().idempotencyRetention());
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                update(c, FORGET, Timestamp.from(cutoff));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Optional<Idempotency.Entry> select(Connection c, String caller, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, caller);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Idempotency.Entry(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
            }
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
