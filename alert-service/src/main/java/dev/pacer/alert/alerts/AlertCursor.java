package dev.pacer.alert.alerts;

import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.problem.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The position of an alert in the list (newest change first): its change time, then its id. */
record AlertCursor(Instant updatedAt, String id) {
    private static final char SEPARATOR = '|';

    static String key(Instant updatedAt, String id) {
        return updatedAt.toString() + SEPARATOR + id;
    }

    /** The position a cursor points after; null for the first page; a 400 naming {@code cursor} if not ours. */
    static AlertCursor after(String cursor) {
        String key = Cursors.decode(cursor);
        if (key == null) {
            return null;
        }
        int sep = key.indexOf(SEPARATOR);
        if (sep <= 0 || sep == key.length() - 1) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
        }
        try {
            return new AlertCursor(Instant.parse(key.substring(0, sep)), key.substring(sep + 1));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
        }
    }
}
