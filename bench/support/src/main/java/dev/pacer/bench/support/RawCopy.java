package dev.pacer.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * The raw PostgreSQL COPY rate a Pacer figure is compared with: rows in the CSV format metric-service's FactStore
 * COPYs ({@code dataset, pk, source_version, event_date, deleted, fields} as jsonb), sent with PgJDBC's CopyManager in
 * one statement.
 */
public final class RawCopy {
    /** The columns of metric.fact that FactStore's COPY fills. */
    public static final String COLUMNS = "(dataset, pk, source_version, event_date, deleted, fields)";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One fact: its primary key ({@code a|b}), event date and fields. */
    public record Row(String pk, LocalDate date, Map<String, Object> fields) {
    }

    private RawCopy() {
    }

    /** The rows as FactStore writes them for COPY (CSV, source version 1, fields as JSON). */
    public static byte[] csv(String dataset, List<Row> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 260);
        StringBuilder sb = new StringBuilder(512);
        for (Row r : rows) {
            sb.setLength(0);
            quote(sb, dataset).append(',');
            quote(sb, r.pk()).append(',');
            sb.append(1).append(',').append(r.date()).append(",false,");
            quote(sb, JSON.writeValueAsString(r.fields())).append('\n');
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /**
     * COPYs {@code csv} ({@code rows} rows) {@code runs} times into a fresh unlogged table without indexes
     * ({@code public.bench_copy_raw}, dropped afterwards) and returns the best rate in rows/s; each run is reported
     * to {@code say}.
     */
    public static double unloggedRate(Connection c, byte[] csv, int rows, int runs, Consumer<String> say)
            throws SQLException, IOException {
        double best = 0;
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists public.bench_copy_raw");
            s.execute("create unlogged table public.bench_copy_raw (dataset text, pk text, source_version bigint, "
                    + "event_date date, deleted boolean, fields jsonb)");
            for (int run = 1; run <= runs; run++) {
                s.execute("truncate public.bench_copy_raw");
                double secs = copy(c, "copy public.bench_copy_raw " + COLUMNS + " from stdin (format csv)", csv);
                best = Math.max(best, rows / secs);
                say.accept(String.format("  run %d: COPY into an unlogged table without indexes: %.2f s = %,.0f rows/s",
                        run, secs, rows / secs));
            }
            s.execute("drop table public.bench_copy_raw");
        }
        return best;
    }

    /** Runs one {@code COPY … FROM STDIN} of {@code csv}; returns the seconds it took. */
    public static double copy(Connection c, String sql, byte[] csv) throws SQLException, IOException {
        long t = System.nanoTime();
        long stored = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(csv));
        double secs = (System.nanoTime() - t) / 1e9;
        if (stored <= 0) {
            throw new IllegalStateException("COPY stored no rows");
        }
        return secs;
    }

    private static StringBuilder quote(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"') {
                sb.append('"');
            }
            sb.append(ch);
        }
        return sb.append('"');
    }
}
