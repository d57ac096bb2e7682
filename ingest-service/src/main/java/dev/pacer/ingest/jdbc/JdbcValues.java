package dev.pacer.ingest.jdbc;

import dev.pacer.ingest.catalog.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * JDBC values in and out: a column is read with the Java type that keeps it exact (NUMERIC as BigDecimal, dates and
 * timestamps as java.time), then turned into the input value a dataset field's type accepts (what the JSON of a push
 * would carry), so that the schema's own checks apply unchanged.
 */
public final class JdbcValues {
    private JdbcValues() {
    }

    /** Reads column {@code i} (1-based) exactly, by its SQL type. */
    public static Object read(ResultSet rs, int i, int sqlType, String typeName) throws SQLException {
        Object v = switch (sqlType) {
            case Types.DATE -> rs.getObject(i, LocalDate.class);
            case Types.TIMESTAMP -> isZoned(typeName) ? rs.getObject(i, OffsetDateTime.class)
                    : rs.getObject(i, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(i, OffsetDateTime.class);
            case Types.NUMERIC, Types.DECIMAL -> rs.getBigDecimal(i);
            default -> rs.getObject(i);
        };
        return rs.wasNull() ? null : v;
    }

    private static boolean isZoned(String typeName) {
        return typeName != null && typeName.toLowerCase(Locale.ROOT).contains("tz");
    }

    /**
     * The input value of a field of the given type: numbers stay numbers (a float or double becomes the BigDecimal of
     * its shortest text, never its binary expansion), dates and timestamps become ISO text, anything for a STRING
     * field becomes its text. A value that does not fit is passed on as it is, for the schema to refuse with a reason.
     */
    public static Object toInput(Object value, FieldType type) {
        if (value == null) {
            return null;
        }
        if (value instanceof Float || value instanceof Double) {
            value = new BigDecimal(value.toString());
        }
        if (value instanceof java.sql.Date d) {
            value = d.toLocalDate();
        } else if (value instanceof java.sql.Timestamp t) {
            value = t.toLocalDateTime();
        }
        return switch (type) {
            case STRING -> value instanceof BigDecimal d ? d.toPlainString() : value.toString();
            case INTEGER, DECIMAL -> value instanceof BigInteger || value instanceof Number ? value : text(value);
            case BOOLEAN -> value;
            case DATE -> value instanceof LocalDate d ? d.toString() : text(value);
            case TIMESTAMP -> value instanceof LocalDate d ? d.atStartOfDay().toString() : text(value);
        };
    }

    private static Object text(Object value) {
        return value instanceof String ? value : value.toString();
    }
}
