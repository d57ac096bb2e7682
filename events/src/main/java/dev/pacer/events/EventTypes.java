package dev.pacer.events;

import java.util.List;

/** CloudEvents {@code type} values of the Pacer events. */
public final class EventTypes {

    public static final String RECORD_CHANGED = "dev.pacer.record.changed.v1";
    public static final String CATALOG_CHANGED = "dev.pacer.catalog.changed.v1";
    public static final String METRIC_VALUE_CHANGED = "dev.pacer.metric-value.changed.v1";
    public static final String GOAL_PROGRESS_CHANGED = "dev.pacer.goal-progress.changed.v1";
    public static final String ALERT_STATE_CHANGED = "dev.pacer.alert.state-changed.v1";

    /** All event types, in data-flow order. */
    public static final List<String> ALL = List.of(
            RECORD_CHANGED, CATALOG_CHANGED, METRIC_VALUE_CHANGED, GOAL_PROGRESS_CHANGED, ALERT_STATE_CHANGED);

    private EventTypes() {
    }
}
