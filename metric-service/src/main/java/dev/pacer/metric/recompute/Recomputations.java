package dev.pacer.metric.recompute;

import dev.pacer.metric.value.DayStates;
import dev.pacer.metric.value.ValueEngine;
import dev.pacer.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Queues and runs recomputations: a job is queued in the transaction that changes a definition, and a worker runs
 * queued jobs one at a time (rows are claimed with SKIP LOCKED, so replicas share the work), each in its own
 * transaction that recomputes and publishes the changed values. A decomposable metric's day state is rebuilt for the
 * definition in force just before, aside ({@link DayStates#rebuild}).
 */
@ApplicationScoped
public class Recomputations {
    private static final Logger LOG = Logger.getLogger(Recomputations.class);

    private final ValueEngine values;
    private final DayStates states;

    public Recomputations(ValueEngine values, DayStates states) {
        this.values = values;
        this.states = states;
    }

    /** Queues a recomputation of {@code key} in the caller's transaction; returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID queue(String key, int version, String reason, String requestedBy) {
        RecomputationEntity e = new RecomputationEntity();
        e.id = UUID.randomUUID();
        e.metricKey = key;
        e.metricVersion = version;
        e.status = Recomputation.Status.QUEUED;
        e.reason = reason;
        e.requestedBy = requestedBy;
        e.requestedAt = now();
        e.persist();
        return e.id;
    }

    public Recomputation get(UUID id) {
        RecomputationEntity e = RecomputationEntity.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Recomputation", id.toString());
        }
        return e.toView();
    }

    @Scheduled(every = "${pacer.recompute.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // not while starting or shutting down
    void runQueued() {
        while (runOne()) {
            // keep going while jobs are waiting
        }
    }

    /** Runs the oldest queued job, if any; true if one ran. */
    boolean runOne() {
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            List<RecomputationEntity> next = RecomputationEntity.<RecomputationEntity>find(
                    "status = ?1 order by requestedAt", Recomputation.Status.QUEUED)
                    .withLock(LockModeType.PESSIMISTIC_WRITE)
                    .withHint("jakarta.persistence.lock.timeout", -2)
                    .page(0, 1).list();
            if (next.isEmpty()) {
                return null;
            }
            RecomputationEntity job = next.get(0);
            job.status = Recomputation.Status.RUNNING;
            job.phase = Recomputation.Phase.DAY_STATE;
            job.startedAt = now();
            return job.id;
        });
        if (id == null) {
            return false;
        }
        try {
            // the day state first, aside (the records consumer is held up only to register it and to swap it in)
            boolean state = states.rebuild(QuarkusTransaction.requiringNew().call(
                    () -> RecomputationEntity.<RecomputationEntity>findById(id).metricKey), false);
            QuarkusTransaction.requiringNew().run(() -> {
                RecomputationEntity job = RecomputationEntity.findById(id);
                job.phase = Recomputation.Phase.VALUES;
                job.stateBuiltAt = state ? now() : null;
            });
            int changed = QuarkusTransaction.requiringNew().call(() -> {
                RecomputationEntity job = RecomputationEntity.findById(id);
                int n = values.recomputeAll(job.metricKey);
                job.status = Recomputation.Status.SUCCEEDED;
                job.valuesChanged = n;
                job.finishedAt = now();
                return n;
            });
            LOG.infof("Recomputation %s changed %d values", id, changed);
        } catch (RuntimeException ex) {
            LOG.errorf(ex, "Recomputation %s failed", id);
            QuarkusTransaction.requiringNew().run(() -> {
                RecomputationEntity job = RecomputationEntity.findById(id);
                job.status = Recomputation.Status.FAILED;
                job.error = ex.getMessage();
                job.finishedAt = now();
            });
        }
        return true;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
