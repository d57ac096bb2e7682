package dev.pacer.events;

/** CloudEvents {@code source} values (URI references) of the Pacer services. */
public final class EventSources {

    public static final String METRIC_SERVICE = "/metric-service";
    public static final String GOAL_SERVICE = "/goal-service";
    public static final String ALERT_SERVICE = "/alert-service";
    public static final String INGEST_SERVICE = "/ingest-service";

    private EventSources() {
    }
}
