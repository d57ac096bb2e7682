package dev.pacer.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
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
 * The raw PostgreSQL COPY rate a Pacer figure is compared with: rows in the binary format metric-service's FactStore
 * COPYs ({@code dataset, pk, source_version, event_date, deleted, fields} as jsonb), sent with PgJDBC's CopyManager in
 * one statement.
 */
public final class RawCopy {
    /** The columns of metric.fact that FactStore's COPY fills. */
    public static final String COLUMNS = "(dataset, pk, source_version, event_date, deleted, fields)";
    /** The COPY option of {@link #binary}'s data. */
    public static final String FORMAT = "(format binary)";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** A date in PostgreSQL's binary form counts days from 2000-01-01. */
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One fact: its primary key ({@code a|b}), event date and fields. */
    public record Row(String pk, LocalDate date, Map<String, Object> fields) {
    }

    private RawCopy() {
    }

    /**
     * The rows as FactStore writes them for COPY: PostgreSQL's binary COPY format (source version 1, not deleted,
     * fields as jsonb: a version byte and the JSON). Written here again rather than shared, so that the bench does not
     * depend on the service; {@code RawCopyTest} pins the bytes to the same layout as metric-service's
     * {@code FactStoreCopyTest}.
     */
    public static byte[] binary(String dataset, List<Row> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.size() * 300);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeInt(0); // flags
        out.writeInt(0); // header extension
        byte[] name = dataset.getBytes(StandardCharsets.UTF_8);
        for (Row r : rows) {
            out.writeShort(6);
            out.writeInt(name.length);
            out.write(name);
            byte[] pk = r.pk().getBytes(StandardCharsets.UTF_8);
            out.writeInt(pk.length);
            out.write(pk);
            out.writeInt(8);
            out.writeLong(1);
            out.writeInt(4);
            out.writeInt(Math.toIntExact(r.date().toEpochDay() - PG_EPOCH_DAY));
            out.writeInt(1);
            out.writeByte(0);
            byte[] fields = JSON.writeValueAsBytes(r.fields());
            out.writeInt(1 + fields.length);
            out.writeByte(1);
            out.write(fields);
        }
        out.writeShort(-1);
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * COPYs {@code data} ({@link #binary}, {@code rows} rows) {@code runs} times into a fresh unlogged table without
     * indexes ({@code public.bench_copy_raw}, dropped afterwards) and returns the best rate in rows/s; each run is
     * reported to {@code say}.
     */
    public static double unloggedRate(Connection c, byte[] data, int rows, int runs, Consumer<String> say)
            throws SQLException, IOException {
        double best = 0;
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists public.bench_copy_raw");
            s.execute("create unlogged table public.bench_copy_raw (dataset text, pk text, source_version bigint, "
                    + "event_date date, deleted boolean, fields jsonb)");
            for (int run = 1; run <= runs; run++) {
                s.execute("truncate public.bench_copy_raw");
                double secs = copy(c, "copy public.bench_copy_raw " + COLUMNS + " from stdin " + FORMAT, data);
                best = Math.max(best, rows / secs);
                say.accept(String.format("  run %d: COPY into an unlogged table without indexes: %.2f s = %,.0f rows/s",
                        run, secs, rows / secs));
            }
            s.execute("drop table public.bench_copy_raw");
        }
        return best;
    }

    /** Runs one {@code COPY … FROM STDIN} of {@code data}; returns the seconds it took. */
    public static double copy(Connection c, String sql, byte[] data) throws SQLException, IOException {
        long t = System.nanoTime();
        long stored = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(data));
        double secs = (System.nanoTime() - t) / 1e9;
        if (stored <= 0) {
            throw new IllegalStateException("COPY stored no rows");
        }
        return secs;
    }
}
