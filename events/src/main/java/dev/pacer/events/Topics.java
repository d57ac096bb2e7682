package dev.pacer.events;

import java.util.List;

/** Kafka topic names of the Pacer event streams and their dead-letter topics. */
public final class Topics {

    /** Business records from source systems; key {@code dataset:primaryKey}. */
    public static final String RECORDS = "pacer.records";
    /** Dataset and metric definitions, compacted (latest per {@code kind:key}). */
    public static final String CATALOG = "pacer.catalog";
    /** Computed metric values; key metric key. */
    public static final String METRIC_VALUES = "pacer.metric-values";
    /** Goal progress; key goal id. */
    public static final String GOAL_PROGRESS = "pacer.goal-progress";
    /** Alert state changes; key alert fingerprint. */
    public static final String ALERTS = "pacer.alerts";

    /** The five main topics, in data-flow order. */
    public static final List<String> ALL = List.of(RECORDS, CATALOG, METRIC_VALUES, GOAL_PROGRESS, ALERTS);

    /** Suffix of a dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}, e.g. {@code pacer.records.dlq}. */
    public static String deadLetter(String topic) {
        return Checks.text(topic, "topic") + DEAD_LETTER_SUFFIX;
    }
}
