package dev.pacer.ingest.catalog;

import dev.pacer.platform.database.PostgresText;
import dev.pacer.platform.time.IsoText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The type of a dataset field, and how a JSON value becomes a typed value of it: integers as {@code long},
 * decimals as {@link BigDecimal} (exact, never through a double), dates ISO {@code yyyy-MM-dd}, timestamps ISO-8601
 * with an offset (or, without one, in the configured zone).
 */
public enum FieldType {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP;

    /** Most digits before the decimal point, and most decimal places, a DECIMAL may have. */
    public static final int MAX_DECIMAL_DIGITS = 38;
    private static final int MAX_QUOTED = 60;

    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMP;
    }

    /**
     * The typed value of a JSON value (as Jackson reads it with big decimals for floats): {@link String}, {@link Long},
     * {@link BigDecimal}, {@link Boolean}, {@link LocalDate} or {@link OffsetDateTime}.
     *
     * @param zone the zone of a timestamp written without an offset
     * @throws InvalidValueException saying what is wrong, e.g. {@code must be a whole number, not 1.5}
     */
    public Object convert(Object json, ZoneId zone) {
        return switch (this) {
            case STRING -> {
                if (json instanceof String s) {
                    if (!PostgresText.canHold(s)) {
                        throw new InvalidValueException("must not contain the character U+0000 or an unpaired "
                                + "surrogate (U+D800–U+DFFF): no database text can hold them");
                    }
                    yield s;
                }
                throw new InvalidValueException("must be a string, not " + describe(json));
            }
            case INTEGER -> toLong(json);
            case DECIMAL -> toDecimal(json);
            case BOOLEAN -> {
                if (json instanceof Boolean b) {
                    yield b;
                }
                throw new InvalidValueException("must be true or false, not " + describe(json));
            }
            case DATE -> {
                String s = text(json, "a date (yyyy-MM-dd)");
                LocalDate plain = IsoText.plainDate(s);
                if (plain != null) {
                    yield plain;
                }
                try {
                    yield LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
                } catch (DateTimeParseException e) {
                    throw new InvalidValueException("is not a date (yyyy-MM-dd): " + describe(json));
                }
            }
            case TIMESTAMP -> {
                String s = text(json, "an ISO-8601 timestamp");
                try {
                    yield OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                } catch (DateTimeParseException withoutOffset) {
                    try {
                        yield LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toOffsetDateTime();
                    } catch (DateTimeParseException e) {
                        throw new InvalidValueException("is not an ISO-8601 timestamp (e.g. 2024-05-01T09:30:00+08:00): "
                                + describe(json));
                    }
                }
            }
        };
    }

    /**
     * The canonical text of a converted value inside a primary key: equal values give equal text whatever way they
     * were written (14.0 and 14.00; the same instant at different offsets).
     */
    public String keyText(Object value) {
        return switch (this) {
            case DECIMAL -> {
                BigDecimal d = ((BigDecimal) value).stripTrailingZeros();
                yield (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
            }
            case TIMESTAMP -> ((OffsetDateTime) value).toInstant().toString();
            default -> value.toString();
        };
    }

    private static long toLong(Object json) {
        if (json instanceof Integer || json instanceof Long || json instanceof Short || json instanceof Byte) {
            return ((Number) json).longValue();
        }
        if (json instanceof BigInteger i) {
            if (i.bitLength() < Long.SIZE) {
                return i.longValue();
            }
            throw new InvalidValueException("is out of range for an INTEGER (64 bits): " + describe(json));
        }
        if (json instanceof Number n) {
            BigDecimal d = decimalOf(n);
            if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                throw new InvalidValueException("must be a whole number, not " + describe(json));
            }
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidValueException("is out of range for an INTEGER (64 bits): " + describe(json));
            }
        }
        throw new InvalidValueException("must be a whole number, not " + describe(json));
    }

    private static BigDecimal toDecimal(Object json) {
        if (!(json instanceof Number n)) {
            throw new InvalidValueException("must be a decimal number, not " + describe(json));
        }
        BigDecimal d = decimalOf(n);
        if (d.scale() < 0) {
            d = d.setScale(0); // 1E+3 → 1000: plain digits downstream
        }
        if (d.precision() - d.scale() > MAX_DECIMAL_DIGITS) {
            throw new InvalidValueException("is out of range (at most " + MAX_DECIMAL_DIGITS
                    + " digits before the decimal point): " + describe(json));
        }
        if (d.scale() > MAX_DECIMAL_DIGITS) {
            throw new InvalidValueException("has more than " + MAX_DECIMAL_DIGITS + " decimal places: " + describe(json));
        }
        return d;
    }

    private static BigDecimal decimalOf(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        // a double or float (not what the push reader produces): its shortest decimal text, never its binary value
        return new BigDecimal(n.toString());
    }

    private static String text(Object json, String what) {
        if (json instanceof String s) {
            return s;
        }
        throw new InvalidValueException("must be " + what + " in a string, not " + describe(json));
    }

    /** A JSON value as a reason quotes it: its kind and, for scalars, the value itself (shortened). */
    public static String describe(Object json) {
        if (json == null) {
            return "null";
        }
        if (json instanceof String s) {
            return "the string \"" + shorten(s) + "\"";
        }
        if (json instanceof Boolean b) {
            return b.toString();
        }
        if (json instanceof BigDecimal d) {
            return shorten(d.toString());
        }
        if (json instanceof Number n) {
            return shorten(n.toString());
        }
        if (json instanceof Map<?, ?>) {
            return "an object";
        }
        if (json instanceof List<?>) {
            return "an array";
        }
        return "a " + json.getClass().getSimpleName();
    }

    private static String shorten(String s) {
        return s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "…";
    }
}
