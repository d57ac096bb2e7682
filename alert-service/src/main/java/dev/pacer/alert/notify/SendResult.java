package dev.pacer.alert.notify;

/**
 * How one delivery attempt went.
 *
 * @param outcome    delivered, worth retrying, or never deliverable
 * @param statusCode the receiver's answer: an HTTP status (webhooks) or an SMTP reply code (e-mail); null when none
 *                   came (connection refused, timeout)
 * @param error      what went wrong, or a note on a delivered attempt (e.g. refused recipients); null when nothing
 */
public record SendResult(Outcome outcome, Integer statusCode, String error) {
    /** The longest error kept in the log. */
    public static final int MAX_ERROR_LENGTH = 1000;

    public enum Outcome {
        DELIVERED,
        /** Failed, perhaps for a while (network, timeout, a 5xx HTTP or a 4xx SMTP answer): retried with backoff. */
        RETRY,
        /** Failed for good (e.g. every recipient refused with a permanent 5xx SMTP reply): given up at once. */
        PERMANENT
    }

    public SendResult {
        error = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    public static SendResult delivered(Integer statusCode, String note) {
        return new SendResult(Outcome.DELIVERED, statusCode, note);
    }

    public static SendResult retry(Integer statusCode, String error) {
        return new SendResult(Outcome.RETRY, statusCode, error);
    }

    public static SendResult permanent(Integer statusCode, String error) {
        return new SendResult(Outcome.PERMANENT, statusCode, error);
    }

    public boolean ok() {
        return outcome == Outcome.DELIVERED;
    }

    /** A short description of an exception, for the log. */
    public static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().strip());
    }
}
