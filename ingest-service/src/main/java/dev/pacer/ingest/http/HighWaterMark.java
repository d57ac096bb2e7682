package dev.pacer.ingest.http;

import dev.pacer.ingest.jdbc.CursorPosition;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The incremental cursor of an HTTP source: the largest value of the change field among the records of a run, never
 * below the cursor the run started from. APIs need not return records in the order of that field, so the value is
 * saved only once the run has read (and Kafka acknowledged) every page. Numbers compare as numbers; texts as instants
 * when both are ISO-8601 timestamps with an offset, as local date-times or dates when both are, else as text.
 * The value is kept in the {@link CursorPosition}'s id (NUMBER or TEXT), as a JDBC id column's is.
 */
public final class HighWaterMark {
    private Object max;

    /**
     * @param start the cursor the run started from (null: none)
     */
    public HighWaterMark(CursorPosition start) {
        this.max = start == null || start.id() == null ? null : start.idValue();
    }

    /** Takes a record's value of the change field into account; null and values that are neither text nor number are ignored. */
    public void offer(Object value) {
        Object v = value instanceof Number n && !(n instanceof BigDecimal) ? new BigDecimal(n.toString()) : value;
        if (!(v instanceof BigDecimal) && !(v instanceof String)) {
            return;
        }
        if (v instanceof String s && s.isEmpty()) {
            return;
        }
        if (max == null || compare(v, max) > 0) {
            max = v;
        }
    }

    /** The cursor to save when the run is complete; null when no value was ever seen. */
    public CursorPosition position() {
        return max == null ? null : CursorPosition.of(null, max);
    }

    /** The value as text, as it is sent to the API; null when none. */
    public static String text(CursorPosition position) {
        return position == null ? null : position.id();
    }

    static int compare(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        String x = a instanceof BigDecimal d ? d.toPlainString() : a.toString();
        String y = b instanceof BigDecimal d ? d.toPlainString() : b.toString();
        Integer temporal = compareAs(x, y, s -> OffsetDateTime.parse(s).toInstant());
        if (temporal == null) {
            temporal = compareAs(x, y, LocalDateTime::parse);
        }
        if (temporal == null) {
            temporal = compareAs(x, y, LocalDate::parse);
        }
        return temporal != null ? temporal : x.compareTo(y);
    }

    private static <T extends Comparable<? super T>> Integer compareAs(String x, String y, Function<String, T> parse) {
        try {
            return parse.apply(x).compareTo(parse.apply(y));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
