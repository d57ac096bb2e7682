package dev.pacer.e2e.system;

/** The four Pacer services as the system tests start them: the built application and its port variable. */
public enum Service {
    METRIC("metric-service", "PACER_METRIC_PORT"),
    GOAL("goal-service", "PACER_GOAL_PORT"),
    ALERT("alert-service", "PACER_ALERT_PORT"),
    INGEST("ingest-service", "PACER_INGEST_PORT");

    private final String module;
    private final String portVariable;

    Service(String module, String portVariable) {
        this.module = module;
        this.portVariable = portVariable;
    }

    /** The Maven module, which is also the application name in logs. */
    public String module() {
        return module;
    }

    /** The environment variable that sets the service's HTTP port. */
    public String portVariable() {
        return portVariable;
    }
}
