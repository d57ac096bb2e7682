package dev.pacer.goal.progress;

import dev.pacer.goal.tree.GoalEntity;
import dev.pacer.goal.tree.GoalStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Moves progress on with the calendar: what the plan expects grows every day even when no new value arrives, so a
 * goal can fall off pace without any event. Once a day every ACTIVE goal is recomputed as of the new day; only
 * goals whose figures changed publish.
 */
@ApplicationScoped
public class DailyRefresh {
    private static final Logger LOG = Logger.getLogger(DailyRefresh.class);

    private final GoalProgressService progress;

    public DailyRefresh(GoalProgressService progress) {
        this.progress = progress;
    }

    @Scheduled(cron = "${pacer.goal.progress.refresh-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // never before the schema is migrated
    void scheduled() {
        refresh();
    }

    /**
     * Recomputes every ACTIVE goal (each once, deepest first) in one transaction, so the progress rows and their
     * events commit together; returns how many goals' progress changed.
     */
    public int refresh() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> active = GoalEntity.<GoalEntity>list("status", GoalStatus.ACTIVE).stream().map(g -> g.id)
                    .toList();
            int changed = progress.recompute(active);
            LOG.infof("Daily progress refresh: %d of %d active goals changed", changed, active.size());
            return changed;
        });
    }
}
