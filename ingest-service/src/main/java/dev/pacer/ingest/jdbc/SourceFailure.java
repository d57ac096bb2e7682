package dev.pacer.ingest.jdbc;

import java.sql.SQLException;

/** A run or connection test that failed for a reason the source's owner can act on; the message says which. */
public class SourceFailure extends RuntimeException {
    public SourceFailure(String message) {
        super(message, null, false, false);
    }

    public SourceFailure(String message, Throwable cause) {
        super(message, cause, false, true);
    }

    /** "what: the driver's message (the underlying cause)", without stack traces or connection details. */
    static SourceFailure of(String what, SQLException e) {
        StringBuilder sb = new StringBuilder(what).append(": ").append(e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(e.getMessage())) {
            sb.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return new SourceFailure(sb.toString(), e);
    }
}
