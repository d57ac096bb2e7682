package dev.pacer.alert.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.alert.rule.MetricHistory;
import dev.pacer.events.MetricValueChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import org.hibernate.Session;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The metric values the change and anomaly rules compare with, per metric, grain and exact dimension slice, and when
 * each metric last received data (for staleness). A later computation of a period replaces an earlier one; an older
 * one arriving late changes nothing.
 */
@ApplicationScoped
public class MetricStore {
    /** How far back a history reaches: the longest seasonal baseline plus a year. */
    static final int HISTORY_YEARS = 11;
    /** The most values read for one evaluation (daily values over the history span fit). */
    static final int MAX_HISTORY_VALUES = 4100;

    private final EntityManager em;
    private final ObjectMapper json;

    public MetricStore(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * Stores the values of their periods as if one by one in order — per period and slice the value computed last
     * counts (an older computation arriving later changes nothing; a null removes it) — and that each metric received
     * data, its last-data time the latest of its values; in three batched statements, however many values.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<MetricValueChanged> values) {
        Map<List<Object>, MetricValueChanged> last = new LinkedHashMap<>();
        Map<String, Timestamp> freshness = new TreeMap<>();
        for (MetricValueChanged v : values) {
            String slice = slice(v.dimensions());
            last.merge(List.of(v.metricKey(), v.grain().name(), slice, v.periodStart()), v,
                    (a, b) -> b.computedAt().isBefore(a.computedAt()) ? a : b);
            Timestamp at = Timestamp.from(v.computedAt().toInstant());
            freshness.merge(v.metricKey(), at, (a, b) -> a.after(b) ? a : b);
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement upsert = c.prepareStatement("insert into metric_point (metric_key, grain, slice, "
                    + "period_start, value, computed_at) values (?, ?, ?, ?, ?, ?) "
                    + "on conflict (metric_key, grain, slice, period_start) do update set value = excluded.value, "
                    + "computed_at = excluded.computed_at where metric_point.computed_at <= excluded.computed_at");
                    PreparedStatement delete = c.prepareStatement("delete from metric_point where metric_key = ? "
                            + "and grain = ? and slice = ? and period_start = ? and computed_at <= ?");
                    PreparedStatement fresh = c.prepareStatement("insert into metric_freshness (metric_key, "
                            + "last_data_at) values (?, ?) on conflict (metric_key) do update set last_data_at = "
                            + "greatest(metric_freshness.last_data_at, excluded.last_data_at)")) {
                int upserts = 0;
                int deletes = 0;
                for (var e : last.entrySet()) {
                    MetricValueChanged v = e.getValue();
                    PreparedStatement ps = v.value() != null ? upsert : delete;
                    ps.setString(1, v.metricKey());
                    ps.setString(2, v.grain().name());
                    ps.setString(3, (String) e.getKey().get(2));
                    ps.setObject(4, v.periodStart());
                    if (v.value() != null) {
                        ps.setBigDecimal(5, v.value());
                        ps.setTimestamp(6, Timestamp.from(v.computedAt().toInstant()));
                        upserts++;
                    } else {
                        ps.setTimestamp(5, Timestamp.from(v.computedAt().toInstant()));
                        deletes++;
                    }
                    ps.addBatch();
                }
                if (upserts > 0) {
                    upsert.executeBatch();
                }
                if (deletes > 0) {
                    delete.executeBatch();
                }
                for (var f : freshness.entrySet()) {
                    fresh.setString(1, f.getKey());
                    fresh.setTimestamp(2, f.getValue());
                    fresh.addBatch();
                }
                fresh.executeBatch();
            }
        });
    }

    /** The values of the slice for periods before {@code periodStart}, back {@value #HISTORY_YEARS} years. */
    @SuppressWarnings("unchecked")
    public MetricHistory history(MetricValueChanged v) {
        LocalDate from = v.periodStart().minusYears(HISTORY_YEARS);
        List<Object[]> rows = em.createNativeQuery("select period_start, value from metric_point where metric_key = ?1 "
                        + "and grain = ?2 and slice = ?3 and period_start >= ?4 and period_start < ?5 "
                        + "order by period_start desc limit ?6")
                .setParameter(1, v.metricKey()).setParameter(2, v.grain().name()).setParameter(3, slice(v.dimensions()))
                .setParameter(4, Date.valueOf(from)).setParameter(5, Date.valueOf(v.periodStart()))
                .setParameter(6, MAX_HISTORY_VALUES).getResultList();
        List<MetricHistory.PeriodValue> values = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            LocalDate d = r[0] instanceof Date sd ? sd.toLocalDate() : (LocalDate) r[0];
            values.add(new MetricHistory.PeriodValue(d, (BigDecimal) r[1]));
        }
        return new MetricHistory(values);
    }

    /** When the metric last received data; empty if it never did. */
    public Optional<Instant> lastDataAt(String metricKey) {
        List<?> rows = em.createNativeQuery("select last_data_at from metric_freshness where metric_key = ?1")
                .setParameter(1, metricKey).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object o = rows.get(0);
        return Optional.of(o instanceof Timestamp t ? t.toInstant() : o instanceof Instant i ? i
                : ((java.time.OffsetDateTime) o).toInstant());
    }

    /** The canonical text of a dimension slice: its JSON in key order. */
    String slice(Map<String, String> dimensions) {
        try {
            return json.writeValueAsString(new TreeMap<>(dimensions));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
