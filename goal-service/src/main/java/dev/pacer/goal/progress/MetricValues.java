package dev.pacer.goal.progress;

import dev.pacer.events.Grain;
import dev.pacer.events.MetricValueChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
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
     * Applies one value change in the caller's transaction. A value replaces the stored one unless the stored one
     * was computed later (a late, older event changes nothing); a null value removes it.
     *
     * @return true when the replica changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(MetricValueChanged v) {
        if (!KEPT.contains(v.grain())) {
            return false;
        }
        String dims = DimensionSlice.key(v.dimensions());
        MetricValueEntity stored = MetricValueEntity.<MetricValueEntity>find(
                "metricKey = ?1 and dimsKey = ?2 and grain = ?3 and periodStart = ?4",
                v.metricKey(), dims, v.grain(), v.periodStart())
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (stored != null && stored.computedAt.isAfter(v.computedAt())) {
            return false;
        }
        if (v.value() == null) {
            if (stored == null) {
                return false;
            }
            stored.delete();
            return true;
        }
        boolean same = stored != null && stored.value.compareTo(v.value()) == 0
                && stored.periodEnd.equals(v.periodEnd());
        boolean isNew = stored == null;
        if (isNew) {
            stored = new MetricValueEntity();
            stored.metricKey = v.metricKey();
            stored.dimsKey = dims;
            stored.grain = v.grain();
            stored.periodStart = v.periodStart();
        }
        stored.periodEnd = v.periodEnd();
        stored.value = v.value();
        stored.metricVersion = v.metricVersion();
        stored.computedAt = v.computedAt();
        if (isNew) {
            stored.persist();
        }
        return !same;
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
