package dev.pacer.ingest.jdbc;

import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.mapping.ColumnMapping;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a JDBC source: connects read-only, learns the columns, runs the incremental or full query streaming (never the
 * whole result in memory) and hands the rows over in chunks, each with the cursor position that may be saved once the
 * chunk's records are acknowledged.
 */
public final class JdbcPuller {

    /**
     * Rows of one chunk as record inputs (by dataset field), the 0-based index of the first one in the run, and the
     * cursor to save once they are acknowledged (incremental only; null for a full refresh).
     */
    public record Chunk(List<Map<String, Object>> records, long firstIndex, CursorPosition cursor, boolean last) {
    }

    /** Receives the chunks of a run in order. */
    @FunctionalInterface
    public interface ChunkHandler {
        void accept(Chunk chunk);
    }

    /** The outcome of a connection test: the columns the source returns, or why it cannot be read. */
    public record ConnectionCheck(boolean ok, String message, List<String> columns) {
    }

    /** Checks, before every connection, that the URL's hosts may be connected to (now). */
    @FunctionalInterface
    public interface HostCheck {
        /**
         * @throws SourceFailure when they may not
         */
        void require(String url);
    }

    private final Duration connectTimeout;
    private final int fetchSize;
    private final HostCheck hosts;

    public JdbcPuller(Duration connectTimeout, int fetchSize, HostCheck hosts) {
        this.connectTimeout = connectTimeout;
        this.fetchSize = fetchSize;
        this.hosts = hosts;
    }

    /** Connects and runs the source's query for its columns only. */
    public ConnectionCheck test(JdbcSettings settings, String password) {
        try (Connection c = connect(settings, password)) {
            List<Column> columns = probe(c, settings);
            c.rollback();
            return new ConnectionCheck(true, "Connected; the source returns " + columns.size() + " columns",
                    columns.stream().map(Column::label).toList());
        } catch (SourceFailure e) {
            return new ConnectionCheck(false, e.getMessage(), List.of());
        } catch (SQLException e) {
            return new ConnectionCheck(false, SourceFailure.of("The source cannot be read", e).getMessage(), List.of());
        }
    }

    /** The first rows of a source (in the source's own order) as record inputs, and its column labels. */
    public record Sample(List<String> columns, List<Map<String, Object>> records) {
    }

    /**
     * Reads the first {@code limit} rows of the source's table or query, mapped to dataset fields.
     *
     * @throws SourceFailure when the source cannot be reached or read, or does not fit the mapping
     */
    public Sample sample(JdbcSettings settings, String password, DatasetSchema schema, Map<String, String> mapping,
            int limit) {
        try (Connection c = connect(settings, password)) {
            List<Column> columns = probe(c, settings);
            List<String> labels = columns.stream().map(Column::label).toList();
            ColumnMapping fields;
            try {
                fields = ColumnMapping.resolve(schema, labels, mapping);
            } catch (IllegalArgumentException e) {
                throw new SourceFailure("The source does not fit its mapping: " + e.getMessage());
            }
            List<Map<String, Object>> records = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(PullQuery.all(settings.baseSql()).sql())) {
                ps.setMaxRows(limit);
                ps.setFetchSize(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    Object[] row = new Object[columns.size()];
                    while (rs.next() && records.size() < limit) {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = JdbcValues.read(rs, i + 1, columns.get(i).sqlType(), columns.get(i).typeName());
                        }
                        records.add(fields.record(row));
                    }
                }
            } catch (SQLException e) {
                throw SourceFailure.of("The source query failed", e);
            }
            c.rollback();
            return new Sample(labels, records);
        } catch (SQLException e) {
            throw SourceFailure.of("The source cannot be read", e);
        }
    }

    /**
     * Reads the rows of a run and hands them to {@code handler} in chunks of {@code chunkSize}; the last chunk (possibly
     * empty) has {@code last} set.
     *
     * @param from the saved cursor (incremental; null: from the beginning)
     * @param now  the current time, for the late-commit bound
     * @param zone the zone of timestamp columns without a zone
     * @return the number of rows read
     * @throws SourceFailure when the source cannot be reached or read, or its columns do not fit the settings
     */
    public long pull(JdbcSettings settings, String password, DatasetSchema schema, Map<String, String> mapping,
            CursorPosition from, Instant now, ZoneId zone, int chunkSize, ChunkHandler handler) {
        try (Connection c = connect(settings, password)) {
            List<Column> columns = probe(c, settings);
            ColumnMapping fields;
            try {
                fields = ColumnMapping.resolve(schema, columns.stream().map(Column::label).toList(), mapping);
            } catch (IllegalArgumentException e) {
                throw new SourceFailure("The source does not fit its mapping: " + e.getMessage());
            }
            String quote = quoteString(c.getMetaData());
            boolean incremental = settings.mode() == SyncMode.INCREMENTAL;
            Column ts = incremental ? cursorColumn(columns, settings.timestampColumn(), "timestampColumn") : null;
            Column id = incremental ? cursorColumn(columns, settings.idColumn(), "idColumn") : null;
            PullQuery query;
            if (incremental) {
                Object upper = ts == null ? null : upperBound(ts, now.minus(settings.delay()), zone);
                query = PullQuery.incremental(settings.baseSql(), ts == null ? null : SourceSql.quote(ts.label(), quote),
                        id == null ? null : SourceSql.quote(id.label(), quote), from, upper);
            } else {
                query = PullQuery.all(settings.baseSql());
            }
            long read = stream(c, query, columns, fields, ts, id, from, chunkSize, handler);
            c.rollback();
            return read;
        } catch (SQLException e) {
            throw SourceFailure.of("The source cannot be read", e);
        }
    }

    private long stream(Connection c, PullQuery query, List<Column> columns, ColumnMapping fields, Column ts, Column id,
            CursorPosition from, int chunkSize, ChunkHandler handler) throws SQLException {
        boolean incremental = ts != null || id != null;
        CursorTracker tracker = new CursorTracker(id != null, from);
        long read = 0;
        long first = 0;
        List<Map<String, Object>> chunk = new ArrayList<>(chunkSize);
        try (PreparedStatement ps = c.prepareStatement(query.sql())) {
            ps.setFetchSize(fetchSize);
            for (int i = 0; i < query.parameters().size(); i++) {
                ps.setObject(i + 1, query.parameters().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                Object[] row = new Object[columns.size()];
                while (rs.next()) {
                    for (int i = 0; i < row.length; i++) {
                        Column col = columns.get(i);
                        row[i] = JdbcValues.read(rs, i + 1, col.sqlType(), col.typeName());
                    }
                    if (incremental) {
                        try {
                            tracker.advance(CursorPosition.of(ts == null ? null : row[ts.index()],
                                    id == null ? null : row[id.index()]));
                        } catch (IllegalArgumentException e) {
                            throw new SourceFailure("The cursor column cannot be used: " + e.getMessage());
                        }
                    }
                    chunk.add(fields.record(row));
                    read++;
                    if (chunk.size() == chunkSize) {
                        handler.accept(new Chunk(chunk, first, incremental ? tracker.safePosition(false) : null, false));
                        first = read;
                        chunk = new ArrayList<>(chunkSize);
                    }
                }
            }
        } catch (SQLException e) {
            throw SourceFailure.of("The source query failed", e);
        }
        handler.accept(new Chunk(chunk, first, incremental ? tracker.safePosition(true) : null, true));
        return read;
    }

    private Connection connect(JdbcSettings settings, String password) {
        String problem = JdbcUrls.problem(settings.url());
        if (problem != null) {
            throw new SourceFailure("url " + problem);
        }
        hosts.require(settings.url());
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        String seconds = Long.toString(Math.max(1, connectTimeout.toSeconds()));
        // PostgreSQL's names; drivers ignore properties they do not know
        props.setProperty("connectTimeout", seconds);
        props.setProperty("loginTimeout", seconds);
        props.setProperty("ApplicationName", "pacer-ingest");
        Connection c;
        try {
            c = DriverManager.getConnection(settings.url(), props);
        } catch (SQLException e) {
            throw SourceFailure.of("Cannot connect to the source database", e);
        }
        try {
            c.setReadOnly(true);
            c.setAutoCommit(false); // lets drivers stream with the fetch size
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw SourceFailure.of("Cannot prepare the connection", e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is unusable anyway
        }
    }

    /** A column of the source: its 0-based index, label and SQL type. */
    record Column(int index, String label, int sqlType, String typeName) {
    }

    private static List<Column> probe(Connection c, JdbcSettings settings) {
        try (PreparedStatement ps = c.prepareStatement(PullQuery.probe(settings.baseSql()));
                ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<Column> columns = new ArrayList<>(md.getColumnCount());
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(new Column(i - 1, md.getColumnLabel(i), md.getColumnType(i), md.getColumnTypeName(i)));
            }
            return columns;
        } catch (SQLException e) {
            throw SourceFailure.of("The source " + (settings.table() != null ? "table" : "query") + " cannot be read",
                    e);
        }
    }

    private static Column cursorColumn(List<Column> columns, String name, String setting) {
        if (name == null) {
            return null;
        }
        Column match = columns.stream().filter(col -> col.label().equals(name)).findFirst()
                .orElseGet(() -> columns.stream().filter(col -> col.label().equalsIgnoreCase(name)).findFirst()
                        .orElse(null));
        if (match == null) {
            throw new SourceFailure(setting + " '" + name + "' is not a column of the source; its columns are "
                    + columns.stream().map(Column::label).toList());
        }
        return match;
    }

    private static Object upperBound(Column ts, Instant bound, ZoneId zone) {
        return switch (ts.sqlType()) {
            case Types.DATE -> LocalDate.ofInstant(bound, zone);
            case Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.ofInstant(bound, ZoneOffset.UTC);
            case Types.TIMESTAMP -> ts.typeName() != null && ts.typeName().toLowerCase(Locale.ROOT).contains("tz")
                    ? OffsetDateTime.ofInstant(bound, ZoneOffset.UTC) : LocalDateTime.ofInstant(bound, zone);
            default -> throw new SourceFailure("timestampColumn '" + ts.label() + "' must be a DATE or TIMESTAMP column, "
                    + "not " + ts.typeName());
        };
    }

    private static String quoteString(DatabaseMetaData md) throws SQLException {
        String q = md.getIdentifierQuoteString();
        return q == null || q.isBlank() ? "\"" : q.trim();
    }
}
