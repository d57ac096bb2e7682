package dev.pacer.alert.paging;

import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.problem.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The position of a list item sorted by a value and then by id, as the sort key a platform {@code Page} cursor
 * carries: the id (always 36 characters) followed by the value, so the value may contain any character.
 */
public record Keyset(UUID id, String value) {
    private static final int UUID_LENGTH = 36;

    /** The sort key to hand to {@code Page.of}. */
    public static String key(UUID id, String value) {
        return id + value;
    }

    public static String key(UUID id, Instant value) {
        return key(id, value.toString());
    }

    /** The position a cursor points after; null for the first page; a 400 naming {@code cursor} if not ours. */
    public static Keyset after(String cursor) {
        String key = Cursors.decode(cursor);
        if (key == null) {
            return null;
        }
        try {
            if (key.length() < UUID_LENGTH) {
                throw new IllegalArgumentException("too short");
            }
            UUID id = UUID.fromString(key.substring(0, UUID_LENGTH));
            return new Keyset(id, key.substring(UUID_LENGTH));
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
    }

    /** The value as an instant, for lists sorted by time. */
    public Instant instant() {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw notOurs();
        }
    }

    private static ProblemException notOurs() {
        return ProblemException.invalid("cursor", "is not a cursor returned by this list");
    }
}
