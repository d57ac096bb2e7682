package dev.pacer.alert.evaluation;

import dev.pacer.events.EventTypes;
import dev.pacer.events.GoalProgressChanged;
import dev.pacer.platform.messaging.EventConsumer;
import dev.pacer.platform.messaging.PoisonMessageException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Evaluates the goal rules on each {@code pacer.goal-progress} event, once per event id (a redelivered event changes
 * nothing and notifies nobody); events that can never be applied go to {@code pacer.goal-progress.dlq}.
 */
@ApplicationScoped
public class GoalProgressConsumer {
    /** The name under which applied event ids are recorded. */
    public static final String NAME = "alert-goal-progress";

    private final EventConsumer events;
    private final Evaluator evaluator;

    public GoalProgressConsumer(EventConsumer events, Evaluator evaluator) {
        this.events = events;
        this.evaluator = evaluator;
    }

    @Incoming("goal-progress")
    @Blocking
    public void onGoalProgress(ConsumerRecord<String, String> record) {
        events.apply(NAME, record, GoalProgressChanged.class, event -> {
            if (!EventTypes.GOAL_PROGRESS_CHANGED.equals(event.type())) {
                throw new PoisonMessageException("Event " + event.id() + " on pacer.goal-progress has type "
                        + event.type() + ", not " + EventTypes.GOAL_PROGRESS_CHANGED);
            }
            evaluator.onGoalProgress(event.id(), event.data());
        });
    }
}
