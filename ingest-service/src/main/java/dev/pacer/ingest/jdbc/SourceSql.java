package dev.pacer.ingest.jdbc;

import java.util.regex.Pattern;

/** The rules for the pieces of SQL a source names: a table, a query, column names. */
public final class SourceSql {
    /** A table name, optionally qualified by a schema: letters, digits, {@code _} and {@code $}; nothing else. */
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}(\\.[A-Za-z_][A-Za-z0-9_$]{0,62})?");
    private static final Pattern SELECT = Pattern.compile("(?is)\\s*(select|with)\\b.*");
    public static final int MAX_QUERY_LENGTH = 20_000;

    private SourceSql() {
    }

    /** Null when the table name is acceptable, otherwise why not. */
    public static String tableProblem(String table) {
        return TABLE.matcher(table).matches() ? null
                : "must be a table name (letters, digits, _ and $, optionally schema.table), not '" + table + "'";
    }

    /** Null when the query is acceptable, otherwise why not. */
    public static String queryProblem(String query) {
        if (query.length() > MAX_QUERY_LENGTH) {
            return "must be at most " + MAX_QUERY_LENGTH + " characters";
        }
        String q = stripTrailingSemicolons(query);
        if (!SELECT.matcher(q).matches()) {
            return "must be one SELECT (or WITH … SELECT) statement";
        }
        if (hasSemicolonOutsideQuotes(q)) {
            return "must be one statement: remove the ';' inside it";
        }
        return null;
    }

    /** Whether a ';' appears outside string literals, quoted identifiers and comments. */
    static boolean hasSemicolonOutsideQuotes(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == c) {
                    end = sql.indexOf(c, end + 2); // a doubled quote inside
                }
                if (end < 0) {
                    return false; // unterminated: the database will refuse it
                }
                i = end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                return true;
            } else {
                i++;
            }
        }
        return false;
    }

    static String stripTrailingSemicolons(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        return q;
    }

    /** A column name quoted for SQL with the database's quote string, whatever characters it holds. */
    public static String quote(String column, String quote) {
        if (quote == null || quote.isBlank()) {
            quote = "\"";
        }
        return quote + column.replace(quote, quote + quote) + quote;
    }
}
