package dev.pacer.metric.fact;

import dev.pacer.metric.value.DayStates;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Stores facts in bulk: a batch is copied into a staging table (PostgreSQL COPY, no row-at-a-time writes; part by part
 * as the caller reads it, see {@link #apply(Iterator)}) and
 * written in set-based statements where the incoming source version is newer (last writer wins). Returns the
 * event dates whose facts really changed — old and new dates of each changed record — so only those periods are
 * recomputed. Replaying a batch changes nothing and returns no dates.
 *
 * <p>The records of a dataset are applied one transaction at a time, across replicas too ({@link DayStates#lockFacts},
 * taken before anything is read), so the version each staged record replaces can be read first: {@code fact_replaced}
 * holds, for each staged record already stored, the stored version it meets (found through the primary key, one index
 * probe per record) and whether it is applied. A feed of new records leaves it empty — the staged rows are not copied
 * a second time — and those records are then inserted plainly, with no speculative insertion, which cost twice as much;
 * only replacements take the upsert. The staged records and {@code fact_replaced} give the decomposable metrics' day
 * states their difference, applied versions +1 and replaced versions −1 ({@link DayStates#addChanges}).
 */
@ApplicationScoped
public class FactStore {
    private static final String TABLES = """
            create temporary table if not exists fact_stage (
                dataset text, pk text, source_version bigint, event_date date, deleted boolean, fields jsonb
            ) on commit delete rows;
            create temporary table if not exists fact_replaced (
                dataset text, pk text, applied boolean, old_version bigint, old_event_date date, old_deleted boolean,
                old_fields jsonb
            ) on commit delete rows;
            """ + DayStates.TEMP_TABLES;
    /**
     * The stored version each staged record meets, for those already stored (one primary-key probe per record, kept
     * apart by {@code limit 1}: as a join the planner would hash the whole fact table), and whether the record is
     * applied: newer than the stored version (last writer wins; a replay is not applied). A record not stored yet
     * has no row here and is always applied.
     */
    private static final String PROBE = """
            insert into fact_replaced
            select s.dataset, s.pk, o.source_version < s.source_version,
                   o.source_version, o.event_date, o.deleted, o.fields
            from fact_stage s cross join lateral (
                select f.source_version, f.event_date, f.deleted, f.fields from fact f
                where f.dataset = s.dataset and f.pk = s.pk
                limit 1) o""";
    /** The batch into the staging table, in PostgreSQL's binary COPY format ({@link #binary}). */
    private static final String COPY = "copy fact_stage (dataset, pk, source_version, event_date, deleted, fields) "
            + "from stdin (format binary)";
    /** PostgreSQL's binary COPY signature, flags and header extension length. */
    private static final byte[] COPY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** The end of PostgreSQL's binary COPY data: a field count of −1. */
    private static final byte[] COPY_TRAILER = {(byte) 0xFF, (byte) 0xFF};
    /** A date in PostgreSQL's binary form counts days from 2000-01-01. */
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    /** Records not stored yet: a plain insert (nothing else writes the dataset's facts while its lock is held). */
    private static final String INSERT_NEW = """
            insert into fact (dataset, pk, source_version, event_date, deleted, fields)
            select s.dataset, s.pk, s.source_version, s.event_date, s.deleted, s.fields from fact_stage s
            where not exists (select 1 from fact_replaced r where r.dataset = s.dataset and r.pk = s.pk)""";
    /** Newer versions of stored records (the version check is repeated as a guard; under the lock it always holds). */
    private static final String REPLACE = """
            insert into fact (dataset, pk, source_version, event_date, deleted, fields)
            select s.dataset, s.pk, s.source_version, s.event_date, s.deleted, s.fields
            from fact_stage s join fact_replaced r on r.dataset = s.dataset and r.pk = s.pk
            where r.applied
            on conflict (dataset, pk) do update
                set source_version = excluded.source_version, event_date = excluded.event_date,
                    deleted = excluded.deleted, fields = excluded.fields
                where fact.source_version < excluded.source_version""";
    /**
     * The batch's sorts and hashes (the day states group a batch's facts by day and slice) stay in memory instead of
     * spilling to temporary files at the default 4 MB; for this transaction only.
     */
    private static final String WORK_MEM = "set local work_mem = '64MB'";
    /** The event dates whose facts changed: the applied versions' and those of the versions they replaced. */
    private static final String CHANGED = "select s.dataset, s.event_date from " + DayStates.APPLIED_STAGE
            + " and not s.deleted and s.event_date is not null union select dataset, old_event_date from fact_replaced "
            + "where applied and not old_deleted and old_event_date is not null";

    private final AgroalDataSource dataSource;
    private final DayStates states;

    public FactStore(AgroalDataSource dataSource, DayStates states) {
        this.dataSource = dataSource;
        this.states = states;
    }

    /** Applies the changes in the current transaction; returns the changed event dates per dataset. */
    public Map<String, Set<LocalDate>> apply(List<FactChange> changes) {
        return changes.isEmpty() ? new HashMap<>() : apply(List.of(changes).iterator());
    }

    /**
     * Applies the changes, given part by part, in the current transaction; returns the changed event dates per
     * dataset. Each part is copied to the database as soon as it is given, so the database stages it while the caller
     * makes the next one (the records consumer reads its messages part by part). A record that comes twice in the
     * batch (its newest version counts, {@link #latestPerRecord}) is found as the parts come; the batch is then staged
     * again, once per record, when all parts are in.
     */
    public Map<String, Set<LocalDate>> apply(Iterator<List<FactChange>> parts) {
        Map<String, Set<LocalDate>> affected = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(TABLES);
            }
            // staged before the lock (the table is this connection's own): a batch that waits for the lock — held by
            // another replica's batch or a day-state rebuild's swap — has its COPY done by then
            List<FactChange> changes = new ArrayList<>();
            Set<RecordKey> seen = new HashSet<>();
            boolean twice = false;
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try {
                copy.writeToCopy(COPY_HEADER, 0, COPY_HEADER.length);
                while (parts.hasNext()) {
                    List<FactChange> part = parts.next();
                    changes.addAll(part);
                    for (FactChange f : part) {
                        twice |= !seen.add(new RecordKey(f.dataset(), f.pk()));
                    }
                    if (!twice && !part.isEmpty()) {
                        ByteBuffer rows = rows(part);
                        copy.writeToCopy(rows.array(), 0, rows.position());
                        copy.flushCopy();
                    }
                }
                copy.writeToCopy(COPY_TRAILER, 0, COPY_TRAILER.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            if (changes.isEmpty()) {
                return affected;
            }
            if (twice) {
                restage(c, latestPerRecord(changes));
            }
            Set<String> datasets = new TreeSet<>();
            seen.forEach(k -> datasets.add(k.dataset()));
            states.lockFacts(c, datasets);
            try (Statement s = c.createStatement()) {
                s.execute(WORK_MEM);
                s.executeUpdate(PROBE);
                s.executeUpdate(INSERT_NEW);
                s.executeUpdate(REPLACE);
                try (ResultSet rs = s.executeQuery(CHANGED)) {
                    while (rs.next()) {
                        affected.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                                .add(rs.getObject(2, LocalDate.class));
                    }
                }
            }
            states.addChanges(c, affected.keySet());
            try (Statement s = c.createStatement()) {
                s.execute("truncate fact_stage, fact_replaced, distinct_change");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store facts: " + e.getMessage(), e);
        }
        return affected;
    }

    /** Stages the batch again, once per record: the parts held a record twice. */
    private static void restage(Connection c, List<FactChange> latest) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("truncate fact_stage");
        }
        ByteBuffer data = binary(latest);
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            copy.writeToCopy(data.array(), 0, data.position());
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Within one batch only the newest version of a record counts (each key is probed and written once). */
    static List<FactChange> latestPerRecord(List<FactChange> changes) {
        Map<RecordKey, FactChange> latest = new LinkedHashMap<>(changes.size() * 4 / 3 + 1);
        for (FactChange c : changes) {
            latest.merge(new RecordKey(c.dataset(), c.pk()), c,
                    (a, b) -> b.sourceVersion() >= a.sourceVersion() ? b : a);
        }
        return List.copyOf(latest.values());
    }

    /** A record's identity: its dataset and primary key. */
    private record RecordKey(String dataset, String pk) {
    }

    /**
     * The changes in PostgreSQL's binary COPY format, in {@link #COPY}'s columns: the fields go as the bytes they
     * arrived in ({@code jsonb}'s binary form is a version byte and the JSON text), numbers and dates as fixed-width
     * binary — nothing is quoted by the service or parsed as CSV by the database. Text is UTF-8, the connection's
     * client encoding (PostgreSQL converts and checks it as for any text). The data ends at the buffer's position.
     */
    static ByteBuffer binary(List<FactChange> changes) {
        ByteBuffer rows = rows(changes);
        return ByteBuffer.allocate(COPY_HEADER.length + rows.position() + COPY_TRAILER.length).put(COPY_HEADER)
                .put(rows.array(), 0, rows.position()).put(COPY_TRAILER);
    }

    /** The changes as rows of the binary COPY format, without its header and trailer; they end at the position. */
    static ByteBuffer rows(List<FactChange> changes) {
        int size = 0;
        for (FactChange c : changes) {
            size += 64 + 3 * (c.dataset().length() + c.pk().length())
                    + (c.fieldsJson() == null ? 0 : c.fieldsJson().remaining());
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        Map<String, byte[]> names = new HashMap<>();
        for (FactChange c : changes) {
            out.putShort((short) 6);
            text(out, names.computeIfAbsent(c.dataset(), d -> d.getBytes(StandardCharsets.UTF_8)));
            text(out, c.pk().getBytes(StandardCharsets.UTF_8));
            out.putInt(8).putLong(c.sourceVersion());
            if (c.eventDate() == null) {
                out.putInt(-1);
            } else {
                out.putInt(4).putInt(Math.toIntExact(c.eventDate().toEpochDay() - PG_EPOCH_DAY));
            }
            out.putInt(1).put((byte) (c.deleted() ? 1 : 0));
            if (c.fieldsJson() == null) {
                out.putInt(-1);
            } else {
                out.putInt(1 + c.fieldsJson().remaining()).put((byte) 1).put(c.fieldsJson().duplicate());
            }
        }
        return out;
    }

    private static void text(ByteBuffer out, byte[] utf8) {
        out.putInt(utf8.length).put(utf8);
    }
}
