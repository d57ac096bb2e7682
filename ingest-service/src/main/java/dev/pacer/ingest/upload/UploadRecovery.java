package dev.pacer.ingest.upload;

import dev.pacer.ingest.IngestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Ends upload jobs that a stopped instance left QUEUED or RUNNING. The file of a job is held in the memory of the
 * instance that accepted it and is not stored, so such a job cannot be resumed: it is marked FAILED, asking for the
 * file again and saying how far it got (records are keyed by primary key downstream, so uploading it again never
 * counts a row twice).
 *
 * <p>Every instance vouches for its own unfinished jobs on each heartbeat (and with each chunk it stores); a job whose
 * heartbeat is older than the lease belongs to an instance that is gone. The first heartbeat runs once the service is
 * up (after the schema is migrated), so jobs interrupted by a restart end at start-up, or one lease after the crash
 * when the instance comes back sooner than that.
 */
@ApplicationScoped
public class UploadRecovery {
    private static final Logger LOG = Logger.getLogger(UploadRecovery.class);
    static final String INTERRUPTED = "Interrupted by a restart; upload the file again.";

    private final UploadService uploads;
    private final IngestConfig config;
    private final Clock clock;

    public UploadRecovery(UploadService uploads, IngestConfig config, Clock clock) {
        this.uploads = uploads;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "ingest-upload-heartbeat", every = "${pacer.ingest.uploads.heartbeat}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // never before the schema is migrated
    void scheduled() {
        tick();
    }

    /** Vouches for this instance's unfinished jobs, then fails those of instances that are gone. */
    public void tick() {
        heartbeat();
        recover();
    }

    /** Refreshes the heartbeat of this instance's QUEUED and RUNNING jobs. */
    void heartbeat() {
        QuarkusTransaction.requiringNew().run(() -> UploadEntity.update(
                "heartbeatAt = ?1 where owner = ?2 and status in ?3", now(), uploads.instance(), UNFINISHED));
    }

    /**
     * Marks FAILED every QUEUED or RUNNING job whose heartbeat is older than the lease.
     *
     * @return how many were
     */
    public int recover() {
        OffsetDateTime now = now();
        OffsetDateTime stale = now.minus(config.uploads().lease());
        List<UploadEntity> ended = QuarkusTransaction.requiringNew().call(() -> {
            List<UploadEntity> found = UploadEntity.<UploadEntity>find(
                    "status in ?1 and (heartbeatAt is null or heartbeatAt < ?2) and (owner is null or owner <> ?3)",
                    UNFINISHED, stale, uploads.instance()).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                    .list();
            for (UploadEntity e : found) {
                e.status = UploadStatus.FAILED;
                e.finishedAt = now;
                e.heartbeatAt = null;
                e.message = message(e.rowsTotal, e.rowsSucceeded, e.rowsFailed);
            }
            return found;
        });
        ended.forEach(e -> LOG.warnf("Upload %s of %s was interrupted by a restart after %d of %d rows; marked failed",
                e.id, e.createdBy, e.rowsSucceeded + e.rowsFailed, e.rowsTotal));
        return ended.size();
    }

    /** What an interrupted job's owner reads: what to do, and how far the job got. */
    static String message(int total, int succeeded, int failed) {
        int done = succeeded + failed;
        if (done == 0) {
            return INTERRUPTED + " None of its " + total + " rows had been processed";
        }
        return INTERRUPTED + " " + done + " of its " + total + " rows had been processed: " + succeeded
                + " published (they are not counted twice when the file is uploaded again) and " + failed
                + " refused (in the rows list and the quarantine)";
    }

    private static final List<UploadStatus> UNFINISHED = List.of(UploadStatus.QUEUED, UploadStatus.RUNNING);

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
