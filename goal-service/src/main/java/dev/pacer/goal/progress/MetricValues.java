package dev.pacer.goal.progress;

import dev.pacer.events.Grain;
import dev.pacer.events.MetricValueChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metric values goals are measured by: a replica of {@code pacer.metric-values} at the grains a goal's window
 * is made of (month, quarter, year; day and week values are not kept). Values of every metric and slice are kept,
 * not only those of today's goals, so that a goal created later — or a SEASONAL plan reading last year — finds them.
 */
@ApplicationScoped
public class MetricValues {
    /** The grains kept, finest first: a goal is measured at the finest one that has values in its window. */
    static final List<Grain> GRAINS = List.of(Grain.MONTH, Grain.QUARTER, Grain.YEAR);
    private static final Set<Grain> KEPT = EnumSet.copyOf(GRAINS);

    /**
     * Applies value changes in the caller's transaction with the outcome of applying them one by one in order (per
     * period and slice the value computed last counts; a null removes it), in three statements whatever their number:
     * the stored rows are read (and locked) together, and the writes are batched.
     *
     * @return the changes that changed the replica, one per period and slice
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<MetricValueChanged> applyAll(List<MetricValueChanged> changes) {
        Map<List<Object>, MetricValueChanged> last = new LinkedHashMap<>();
        for (MetricValueChanged v : changes) {
            if (KEPT.contains(v.grain())) {
                last.merge(key(v.metricKey(), DimensionSlice.key(v.dimensions()), v.grain().name(), v.periodStart()),
                        v, (a, b) -> b.computedAt().isBefore(a.computedAt()) ? a : b);
            }
        }
        if (last.isEmpty()) {
            return List.of();
        }
        List<MetricValueChanged> changed = new ArrayList<>();
        MetricValueEntity.getEntityManager().unwrap(Session.class).doWork(c -> {
            Map<List<Object>, Object[]> stored = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select m.metric_key, m.dims_key, m.grain, m.period_start, "
                    + "m.period_end, m.value, m.computed_at from metric_value m join unnest(?::text[], ?::text[], "
                    + "?::text[], ?::date[]) as k (metric_key, dims_key, grain, period_start) using (metric_key, "
                    + "dims_key, grain, period_start) for update of m")) {
                int n = last.size();
                Object[][] columns = new Object[4][n];
                int i = 0;
                for (List<Object> k : last.keySet()) {
                    for (int col = 0; col < 4; col++) {
                        columns[col][i] = k.get(col);
                    }
                    i++;
                }
                ps.setArray(1, c.createArrayOf("text", columns[0]));
                ps.setArray(2, c.createArrayOf("text", columns[1]));
                ps.setArray(3, c.createArrayOf("text", columns[2]));
                ps.setArray(4, c.createArrayOf("date", columns[3]));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.put(key(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, LocalDate.class)), new Object[] {rs.getObject(5, LocalDate.class),
                                rs.getBigDecimal(6), rs.getObject(7, OffsetDateTime.class)});
                    }
                }
            }
            try (PreparedStatement upsert = c.prepareStatement("insert into metric_value (metric_key, dims_key, grain, "
                    + "period_start, period_end, value, metric_version, computed_at) values (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "on conflict (metric_key, dims_key, grain, period_start) do update set period_end = "
                    + "excluded.period_end, value = excluded.value, metric_version = excluded.metric_version, "
                    + "computed_at = excluded.computed_at");
                    PreparedStatement delete = c.prepareStatement("delete from metric_value where metric_key = ? "
                            + "and dims_key = ? and grain = ? and period_start = ?")) {
                int upserts = 0;
                int deletes = 0;
                for (var e : last.entrySet()) {
                    MetricValueChanged v = e.getValue();
                    Object[] old = stored.get(e.getKey());
                    if (old != null && ((OffsetDateTime) old[2]).isAfter(v.computedAt())) {
                        continue;
                    }
                    if (v.value() == null) {
                        if (old != null) {
                            for (int col = 0; col < 4; col++) {
                                delete.setObject(col + 1, e.getKey().get(col));
                            }
                            delete.addBatch();
                            deletes++;
                            changed.add(v);
                        }
                        continue;
                    }
                    for (int col = 0; col < 4; col++) {
                        upsert.setObject(col + 1, e.getKey().get(col));
                    }
                    upsert.setObject(5, v.periodEnd());
                    upsert.setBigDecimal(6, v.value());
                    upsert.setInt(7, v.metricVersion());
                    upsert.setObject(8, v.computedAt());
                    upsert.addBatch();
                    upserts++;
                    if (old == null || ((BigDecimal) old[1]).compareTo(v.value()) != 0
                            || !old[0].equals(v.periodEnd())) {
                        changed.add(v);
                    }
                }
                if (upserts > 0) {
                    upsert.executeBatch();
                }
                if (deletes > 0) {
                    delete.executeBatch();
                }
            }
        });
        return changed;
    }

    private static List<Object> key(String metricKey, String dimsKey, String grain, LocalDate periodStart) {
        return List.of(metricKey, dimsKey, grain, periodStart);
    }

    /**
     * The values of a metric slice for the periods that lie wholly inside [from, to), by period start, at the finest
     * grain that has any there; empty when none has.
     */
    public Map<LocalDate, BigDecimal> within(String metricKey, String dimsKey, LocalDate from, LocalDate to) {
        List<MetricValueEntity> rows = MetricValueEntity.<MetricValueEntity>list(
                "metricKey = ?1 and dimsKey = ?2 and periodStart >= ?3 and periodEnd <= ?4 order by periodStart",
                metricKey, dimsKey, from, to);
        for (Grain grain : GRAINS) {
            Map<LocalDate, BigDecimal> values = new TreeMap<>();
            rows.stream().filter(r -> r.grain == grain).forEach(r -> values.put(r.periodStart, r.value));
            if (!values.isEmpty()) {
                return values;
            }
        }
        return Map.of();
    }

    /** Monthly values of a metric slice for the months starting in [from, to), by month start. */
    public Map<LocalDate, BigDecimal> monthly(String metricKey, String dimsKey, LocalDate from, LocalDate to) {
        Map<LocalDate, BigDecimal> values = new TreeMap<>();
        MetricValueEntity.<MetricValueEntity>list(
                "metricKey = ?1 and dimsKey = ?2 and grain = ?3 and periodStart >= ?4 and periodStart < ?5",
                metricKey, dimsKey, Grain.MONTH, from, to).forEach(r -> values.put(r.periodStart, r.value));
        return values;
    }
}
