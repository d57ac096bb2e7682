package dev.pacer.ingest.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL a JDBC source runs: its table or query wrapped as a sub-select, filtered past the cursor and up to the
 * late-commit bound, in cursor order. Only the table name and the (quoted) column names become SQL text; every value
 * is a bind parameter.
 */
public record PullQuery(String sql, List<Object> parameters) {

    public PullQuery {
        parameters = List.copyOf(parameters);
    }

    /** The source's rows as a sub-select: {@code select * from table}, or the query without a trailing semicolon. */
    public static String base(String table, String query) {
        if (table != null) {
            return "select * from " + table;
        }
        return SourceSql.stripTrailingSemicolons(query);
    }

    /** A query that returns no rows, only the columns (to check a source and learn its column types). */
    public static String probe(String base) {
        return "select * from (" + base + ") src where 1 = 0";
    }

    /** Every row (a full refresh). */
    public static PullQuery all(String base) {
        return new PullQuery("select * from (" + base + ") src", List.of());
    }

    /**
     * The rows past {@code from} (every row when null) in cursor order.
     *
     * @param timestampColumn the quoted timestamp column, or null
     * @param idColumn        the quoted id column, or null
     * @param upperBound      the newest timestamp to read (now minus the late-commit delay, in the column's type);
     *                        ignored without a timestamp column
     */
    public static PullQuery incremental(String base, String timestampColumn, String idColumn, CursorPosition from,
            Object upperBound) {
        if (timestampColumn == null && idColumn == null) {
            throw new IllegalArgumentException("An incremental query needs a timestamp or an id column");
        }
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        Object fromTs = from == null ? null : from.timestampValue();
        Object fromId = from == null ? null : from.idValue();
        if (timestampColumn != null && idColumn != null) {
            if (fromTs != null && fromId != null) {
                conditions.add("(" + timestampColumn + " > ? or (" + timestampColumn + " = ? and " + idColumn + " > ?))");
                parameters.add(fromTs);
                parameters.add(fromTs);
                parameters.add(fromId);
            } else if (fromTs != null) {
                conditions.add(timestampColumn + " >= ?");
                parameters.add(fromTs);
            }
        } else if (timestampColumn != null && fromTs != null) {
            conditions.add(timestampColumn + " > ?");
            parameters.add(fromTs);
        } else if (idColumn != null && fromId != null) {
            conditions.add(idColumn + " > ?");
            parameters.add(fromId);
        }
        if (timestampColumn != null) {
            conditions.add(timestampColumn + " <= ?");
            parameters.add(upperBound);
        } else {
            conditions.add(idColumn + " is not null");
        }
        String order = timestampColumn != null && idColumn != null ? timestampColumn + ", " + idColumn
                : timestampColumn != null ? timestampColumn : idColumn;
        return new PullQuery("select * from (" + base + ") src where " + String.join(" and ", conditions)
                + " order by " + order, parameters);
    }
}
