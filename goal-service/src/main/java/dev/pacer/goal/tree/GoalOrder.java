package dev.pacer.goal.tree;

import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.problem.ProblemException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The order of a goal list and the keyset cursors that continue it: by creation time or title, either way, with
 * the id breaking ties. A cursor carries the order it was made for, so it cannot continue a list in another order.
 */
public record GoalOrder(Field field, boolean descending) {
    /** The values of the {@code sort} parameter. */
    public static final String VALUES = "createdAt, -createdAt, title, -title";

    /** What a list can be sorted by. */
    public enum Field {
        CREATED_AT("createdAt"), TITLE("title");

        private final String param;

        Field(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }
    }

    /** Where the previous page ended: the sort value and id of its last goal. */
    public record After(String value, UUID id) {
        public OffsetDateTime createdAt() {
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                throw badCursor();
            }
        }
    }

    /** {@code createdAt} (the default), {@code -createdAt}, {@code title} or {@code -title}; else 400 naming sort. */
    public static GoalOrder parse(String sort) {
        if (sort == null || sort.isBlank()) {
            return new GoalOrder(Field.CREATED_AT, false);
        }
        boolean descending = sort.startsWith("-");
        String name = descending ? sort.substring(1) : sort;
        for (Field f : Field.values()) {
            if (f.param.equals(name)) {
                return new GoalOrder(f, descending);
            }
        }
        throw ProblemException.invalid("sort", "must be one of " + VALUES);
    }

    /** The {@code sort} parameter that names this order. */
    public String param() {
        return (descending ? "-" : "") + field.param;
    }

    /** The cursor that continues the list after this goal. */
    public String cursorAfter(Goal last) {
        String value = field == Field.CREATED_AT ? last.createdAt().toString() : last.title();
        return param() + "\n" + value + "\n" + last.id();
    }

    /** Where a cursor continues, or null for the first page; 400 naming cursor when it is not one of this order's. */
    public After after(String cursor) {
        String decoded = Cursors.decode(cursor);
        if (decoded == null) {
            return null;
        }
        int first = decoded.indexOf('\n');
        int last = decoded.lastIndexOf('\n');
        if (first < 0 || last == first) {
            throw badCursor();
        }
        String madeFor = decoded.substring(0, first);
        if (!madeFor.equals(param())) {
            throw ProblemException.invalid("cursor", "continues a list sorted by " + madeFor + ", not by " + param());
        }
        try {
            return new After(decoded.substring(first + 1, last), UUID.fromString(decoded.substring(last + 1)));
        } catch (IllegalArgumentException e) {
            throw badCursor();
        }
    }

    private static ProblemException badCursor() {
        return ProblemException.invalid("cursor", "is not a cursor returned by this list");
    }
}
