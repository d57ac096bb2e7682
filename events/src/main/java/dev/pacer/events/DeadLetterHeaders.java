package dev.pacer.events;

/** Kafka headers SmallRye Reactive Messaging puts on a record it sends to a dead-letter topic. */
public final class DeadLetterHeaders {

    /** Message of the failure. */
    public static final String REASON = "dead-letter-reason";
    /** Message of the failure's cause, when it has one. */
    public static final String CAUSE = "dead-letter-cause";
    /** Topic the record was read from. */
    public static final String TOPIC = "dead-letter-topic";
    /** Partition the record was read from. */
    public static final String PARTITION = "dead-letter-partition";
    /** Offset the record was read from. */
    public static final String OFFSET = "dead-letter-offset";
    /** Class name of the failure. */
    public static final String EXCEPTION_CLASS_NAME = "dead-letter-exception-class-name";
    /** Class name of the failure's cause, when it has one. */
    public static final String CAUSE_CLASS_NAME = "dead-letter-cause-class-name";

    private DeadLetterHeaders() {
    }
}
