package dev.pacer.ingest.mapping;

import dev.pacer.ingest.catalog.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * How text values (CSV cells) become the input values of dataset fields: whole numbers and decimals (optionally with
 * a decimal comma, never through a double), booleans (true/false, yes/no, y/n, 1/0, 是/否), dates and timestamps in a
 * given pattern and zone. An empty cell is no value. Text that does not parse is passed on unchanged, so the schema
 * refuses it with its usual reason (e.g. {@code field 'quantity' must be a whole number, not the string "12x"}).
 *
 * @param decimalComma    decimals are written {@code 1234,5} (a {@code .} or space then groups thousands)
 * @param dateFormat      a {@link DateTimeFormatter} pattern of DATE cells, e.g. {@code dd.MM.yyyy}; null: ISO
 * @param timestampFormat a pattern of TIMESTAMP cells without offset, e.g. {@code yyyy/M/d H:mm}; null: ISO-8601
 * @param zone            the zone of timestamps without offset; null: the service's configured zone
 */
public record TextConversions(boolean decimalComma, String dateFormat, String timestampFormat, ZoneId zone) {
    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "是", "t");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "否", "f");

    /** ISO dates and timestamps, a decimal point. */
    public static final TextConversions DEFAULT = new TextConversions(false, null, null, null);

    /**
     * @throws IllegalArgumentException naming the setting when a pattern is not a valid date-time pattern
     */
    public TextConversions {
        check(dateFormat, "dateFormat");
        check(timestampFormat, "timestampFormat");
    }

    private static void check(String pattern, String name) {
        if (pattern != null) {
            try {
                DateTimeFormatter.ofPattern(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " is not a date-time pattern (e.g. dd.MM.yyyy): "
                        + e.getMessage());
            }
        }
    }

    /** The input value of a cell for a field of the given type; null for an empty cell. */
    public Object toInput(String cell, FieldType type) {
        if (cell == null) {
            return null;
        }
        String text = type == FieldType.STRING ? cell : cell.strip();
        if (text.isEmpty()) {
            return null;
        }
        return switch (type) {
            case STRING -> text;
            case INTEGER -> {
                try {
                    BigInteger i = new BigInteger(text);
                    yield i.bitLength() < Long.SIZE ? (Object) i.longValue() : i;
                } catch (NumberFormatException e) {
                    yield text;
                }
            }
            case DECIMAL -> decimal(text);
            case BOOLEAN -> {
                Boolean b = bool(text);
                yield b != null ? b : text;
            }
            case DATE -> {
                if (dateFormat == null) {
                    yield text;
                }
                try {
                    yield LocalDate.parse(text, DateTimeFormatter.ofPattern(dateFormat)).toString();
                } catch (DateTimeParseException e) {
                    yield text;
                }
            }
            case TIMESTAMP -> {
                if (timestampFormat == null && zone == null) {
                    yield text;
                }
                try {
                    LocalDateTime t = timestampFormat == null ? LocalDateTime.parse(text)
                            : LocalDateTime.parse(text, DateTimeFormatter.ofPattern(timestampFormat));
                    yield zone == null ? t.toString() : t.atZone(zone).toOffsetDateTime().toString();
                } catch (DateTimeParseException e) {
                    yield text; // ISO with an offset stays as written; anything else is refused by the schema
                }
            }
        };
    }

    private Object decimal(String text) {
        BigDecimal d = number(text);
        return d != null ? d : text;
    }

    /** The boolean a (stripped) text means: true/yes/y/1/t/是 or false/no/n/0/f/否, any case; else null. */
    static Boolean bool(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return TRUE.contains(t) ? Boolean.TRUE : FALSE.contains(t) ? Boolean.FALSE : null;
    }

    /** The decimal a (stripped) text writes, honouring {@link #decimalComma}; null when it is not a number. */
    BigDecimal number(String text) {
        String t = text;
        if (decimalComma) {
            t = t.replace(".", "").replace(" ", "").replace("\u00a0", "").replace(',', '.');
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
