package dev.pacer.metric.fact;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * Replaying a batch changes nothing and returns no dates. The old row of each staged record is found through the
 * primary key ({@code lateral … limit 1}), so a batch costs index probes instead of a hash join over the whole table.
 */
@ApplicationScoped
public class FactStore {
    private static final String STAGE = """
            create temporary table if not exists fact_stage (
                dataset text, pk text, source_version bigint, event_date date, deleted boolean, fields jsonb
            ) on commit delete rows""";
    private static final String UPSERT = """
            with old as (
                select s.dataset, o.event_date
                from fact_stage s cross join lateral (
                    select f.event_date from fact f
                    where f.dataset = s.dataset and f.pk = s.pk and f.source_version < s.source_version
                      and not f.deleted
                    limit 1) o
            ), up as (
                insert into fact (dataset, pk, source_version, event_date, deleted, fields)
                select dataset, pk, source_version, event_date, deleted, fields from fact_stage
                on conflict (dataset, pk) do update
                    set source_version = excluded.source_version, event_date = excluded.event_date,
                        deleted = excluded.deleted, fields = excluded.fields
                    where fact.source_version < excluded.source_version
                returning dataset, event_date, deleted
            )
            select dataset, event_date from up where not deleted and event_date is not null
            union
            select dataset, event_date from old where event_date is not null""";

    private final AgroalDataSource dataSource;

    public FactStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies the changes in the current transaction; returns the changed event dates per dataset. */
    public Map<String, Set<LocalDate>> apply(List<FactChange> changes) {
        Map<String, Set<LocalDate>> affected = new HashMap<>();
        if (changes.isEmpty()) {
            return affected;
        }
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(STAGE);
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy fact_stage (dataset, pk, source_version, event_date, deleted, fields) from stdin (format csv)",
                    new StringReader(csv(latestPerRecord(changes))));
            try (PreparedStatement ps = c.prepareStatement(UPSERT); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    affected.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getObject(2, LocalDate.class));
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("truncate fact_stage");
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
