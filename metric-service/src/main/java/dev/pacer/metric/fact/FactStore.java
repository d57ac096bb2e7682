package dev.pacer.metric.fact;

import dev.pacer.metric.value.DayStates;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;

/**
 * Stores facts in bulk: a batch is copied into a staging table (PostgreSQL COPY, no row-at-a-time writes) and
 * upserted in one statement where the incoming source version is newer (last writer wins). Returns the event dates
 * whose facts really changed — old and new dates of each changed record — so only those periods are recomputed.
 * Replaying a batch changes nothing and returns no dates.
 *
 * <p>The records of a dataset are applied one transaction at a time, across replicas too ({@link DayStates#lockFacts},
 * taken before anything is read), so the versions a batch replaces, read first ({@code fact_old}), are exactly those
 * its upsert replaces. They are found through the primary key — one index probe per staged record, kept apart by
 * {@code limit 1}: as a join the planner would hash the whole fact table. The versions the batch writes are kept from
 * the upsert ({@code fact_new}); both temporary tables let the decomposable metrics' day states take the difference
 * ({@link DayStates#addChanges}).
 */
@ApplicationScoped
public class FactStore {
    private static final String TABLES = """
            create temporary table if not exists fact_stage (
                dataset text, pk text, source_version bigint, event_date date, deleted boolean, fields jsonb
            ) on commit delete rows;
            create temporary table if not exists fact_old (
                dataset text, pk text, event_date date, deleted boolean, fields jsonb
            ) on commit delete rows;
            create temporary table if not exists fact_new (
                dataset text, pk text, event_date date, deleted boolean, fields jsonb
            ) on commit delete rows;
            create temporary table if not exists distinct_change (
                dims jsonb, value text, day date, change int
            ) on commit delete rows""";
    private static final String REPLACED = """
            insert into fact_old
            select o.* from fact_stage s cross join lateral (
                select f.dataset, f.pk, f.event_date, f.deleted, f.fields from fact f
                where f.dataset = s.dataset and f.pk = s.pk and f.source_version < s.source_version
                limit 1) o""";
    private static final String UPSERT = """
            with up as (
                insert into fact (dataset, pk, source_version, event_date, deleted, fields)
                select dataset, pk, source_version, event_date, deleted, fields from fact_stage
                on conflict (dataset, pk) do update
                    set source_version = excluded.source_version, event_date = excluded.event_date,
                        deleted = excluded.deleted, fields = excluded.fields
                    where fact.source_version < excluded.source_version
                returning dataset, pk, event_date, deleted, fields
            )
            insert into fact_new select * from up""";
    /** The event dates whose facts changed: the new versions' and those of the versions they replaced. */
    private static final String CHANGED = """
            select dataset, event_date from fact_new where not deleted and event_date is not null
            union
            select dataset, event_date from fact_old where not deleted and event_date is not null""";

    private final AgroalDataSource dataSource;
    private final DayStates states;

    public FactStore(AgroalDataSource dataSource, DayStates states) {
        this.dataSource = dataSource;
        this.states = states;
    }

    /** Applies the changes in the current transaction; returns the changed event dates per dataset. */
    public Map<String, Set<LocalDate>> apply(List<FactChange> changes) {
        Map<String, Set<LocalDate>> affected = new HashMap<>();
        if (changes.isEmpty()) {
            return affected;
        }
        List<FactChange> latest = latestPerRecord(changes);
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(TABLES);
            }
            Set<String> datasets = new TreeSet<>();
            latest.forEach(f -> datasets.add(f.dataset()));
            states.lockFacts(c, datasets);
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy fact_stage (dataset, pk, source_version, event_date, deleted, fields) from stdin (format csv)",
                    new StringReader(csv(latest)));
            try (Statement s = c.createStatement()) {
                s.executeUpdate(REPLACED);
                s.executeUpdate(UPSERT);
                try (ResultSet rs = s.executeQuery(CHANGED)) {
                    while (rs.next()) {
                        affected.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                                .add(rs.getObject(2, LocalDate.class));
                    }
                }
            }
            states.addChanges(c, affected.keySet());
            try (Statement s = c.createStatement()) {
                s.execute("truncate fact_stage, fact_old, fact_new, distinct_change");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not store facts: " + e.getMessage(), e);
        }
        return affected;
    }

    /** Within one batch only the newest version of a record counts (the upsert touches each key once). */
    static List<FactChange> latestPerRecord(List<FactChange> changes) {
        Map<String, FactChange> latest = new LinkedHashMap<>();
        for (FactChange c : changes) {
            latest.merge(c.dataset() + '\u0000' + c.pk(), c,
                    (a, b) -> b.sourceVersion() >= a.sourceVersion() ? b : a);
        }
        return List.copyOf(latest.values());
    }

    static String csv(List<FactChange> changes) {
        StringBuilder sb = new StringBuilder(changes.size() * 256);
        for (FactChange c : changes) {
            quote(sb, c.dataset()).append(',');
            quote(sb, c.pk()).append(',');
            sb.append(c.sourceVersion()).append(',');
            if (c.eventDate() != null) {
                sb.append(c.eventDate());
            }
            sb.append(',').append(c.deleted()).append(',');
            if (c.fieldsJson() != null) {
                quote(sb, c.fieldsJson());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A CSV field in double quotes, inner quotes doubled; copied in runs between quotes, not char by char. */
    private static StringBuilder quote(StringBuilder sb, String value) {
        sb.append('"');
        int from = 0;
        for (int q = value.indexOf('"'); q >= 0; q = value.indexOf('"', from)) {
            sb.append(value, from, q + 1).append('"');
            from = q + 1;
        }
        return sb.append(value, from, value.length()).append('"');
    }
}
