package dev.pacer.ingest.catalog;

/**
 * A JSON value that does not fit its field's type; the message completes "field 'x' …". A rejected record is
 * ordinary input, so no stack trace is taken.
 */
public class InvalidValueException extends RuntimeException {
    public InvalidValueException(String message) {
        super(message, null, false, false);
    }
}
