package dev.pacer.alert.evaluation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs {@link Evaluator#tick()} on a schedule: pending alerts fire, clear ones resolve, staleness is judged. */
@ApplicationScoped
public class AlertTicker {
    private final Evaluator evaluator;

    public AlertTicker(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Scheduled(every = "${pacer.alert.tick-every:5s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        evaluator.tick();
    }
}
