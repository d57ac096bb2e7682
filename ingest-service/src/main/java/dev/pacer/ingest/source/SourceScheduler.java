package dev.pacer.ingest.source;

import dev.pacer.ingest.IngestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts the runs of sources whose schedule is due. Due sources are taken with {@code for update skip locked}, so
 * several instances never start the same schedule twice; a source whose previous run is still going skips this turn.
 */
@ApplicationScoped
public class SourceScheduler {
    private static final Logger LOG = Logger.getLogger(SourceScheduler.class);
    private static final int BATCH = 20;

    private final SourceRuns runs;
    private final EntityManager em;
    private final Clock clock;
    private final IngestConfig config;

    public SourceScheduler(SourceRuns runs, EntityManager em, Clock clock, IngestConfig config) {
        this.runs = runs;
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "ingest-source-schedules", every = "${pacer.ingest.sources.tick}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // never before the schema is migrated
    void scheduled() {
        tick();
    }

    /** Starts every due run; returns the ids of the runs started. */
    public List<Long> tick() {
        List<Long> started = QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
            @SuppressWarnings("unchecked")
            List<SourceEntity> due = em.createNativeQuery("select * from source where not paused and next_run_at <= ?1 "
                    + "order by next_run_at limit " + BATCH + " for update skip locked", SourceEntity.class)
                    .setParameter(1, now).getResultList();
            List<Long> ids = new ArrayList<>();
            for (SourceEntity s : due) {
                Instant next = CronSchedule.parse(s.schedule).nextAfter(now.toInstant(), config.timeZone());
                s.nextRunAt = next == null ? null : next.atOffset(ZoneOffset.UTC);
                SourceRunEntity run = runs.claim(s, RunTrigger.SCHEDULE);
                if (run == null) {
                    LOG.infof("Source %s is due but its previous run is still going; skipped until %s", s.id, s.nextRunAt);
                } else {
                    ids.add(run.id);
                }
            }
            return ids;
        });
        started.forEach(runs::submit);
        return started;
    }
}
