package dev.pacer.ingest.mapping;

/**
 * A mapping expression that cannot be evaluated on one row (a cell that is not a number, a division by zero, …). It
 * is ordinary input, becomes the row's rejection, and takes no stack trace.
 */
public class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message, null, false, false);
    }
}
