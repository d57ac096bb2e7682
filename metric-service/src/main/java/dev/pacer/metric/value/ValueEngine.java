package dev.pacer.metric.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.Grain;
import dev.pacer.events.MetricValueChanged;
import dev.pacer.metric.definition.CumulativeWindow;
import dev.pacer.metric.definition.MetricDefinition;
import dev.pacer.metric.definition.MetricKind;
import dev.pacer.metric.definition.MetricRules;
import dev.pacer.metric.definition.MetricService;
import dev.pacer.metric.definition.Rounding;
import dev.pacer.metric.expression.Formula;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.platform.calendar.Period;
import dev.pacer.platform.outbox.Outbox;
import dev.pacer.platform.outbox.OutboxMessage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps computed metric values current. Given the event dates whose facts changed, it works out which periods of
 * which metrics are affected (following ratios, formulas and running totals downstream), recomputes only those,
 * stores what changed and publishes {@code pacer.metric-values} events for changed values only — all inside the
 * caller's transaction, through the outbox.
 */
@ApplicationScoped
public class ValueEngine {
    private static final MathContext PRECISION = MathContext.DECIMAL128;

    private final AgroalDataSource dataSource;
    private final MetricService metrics;
    private final FiscalCalendar calendar;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final DatasetQueries queries;
    private final DayStates states;

    public ValueEngine(AgroalDataSource dataSource, MetricService metrics, FiscalCalendar calendar, Outbox outbox,
            ObjectMapper json, DayStates states) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.calendar = calendar;
        this.outbox = outbox;
        this.json = json;
        this.queries = new DatasetQueries(calendar);
        this.states = states;
    }

    /**
     * Everything a refresh round of the dataset may write: the metrics computed from its facts and every metric
     * computed from those. The refresh locks them before its round begins (see {@link #factsChanged}).
     */
    public Set<String> writtenByRefresh(String dataset) {
        Map<String, MetricService.Current> all = metrics.currentMetrics();
        Set<String> direct = new LinkedHashSet<>();
        all.forEach((key, m) -> {
            if (dataset.equals(m.definition().dataset()) && isDatasetKind(m.definition().kind())) {
                direct.add(key);
            }
        });
        return MetricLocks.closure(topologicalOrder(all), all, MetricService.Current::definition, direct);
    }

    /**
     * Recomputes what the changed dates affect; returns how many values changed. The caller already holds the locks
     * of the metrics {@code held} (taken before its transaction's snapshot, so every value and fact it reads is at
     * least as new as the last commit of any computation of those metrics); if the round would write any other metric
     * — the catalogue changed since the locks were chosen — it fails, and the caller retries.
     */
    public int factsChanged(Map<String, Set<LocalDate>> changedDates, Set<String> held) {
        if (changedDates.isEmpty()) {
            return 0;
        }
        Map<String, MetricService.Current> all = metrics.currentMetrics();
        Map<String, Map<Grain, Set<LocalDate>>> dirty = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (var entry : all.entrySet()) {
                MetricDefinition d = entry.getValue().definition();
                Set<LocalDate> dates = d.dataset() == null ? null : changedDates.get(d.dataset());
                if (dates != null && !dates.isEmpty() && isDatasetKind(d.kind())) {
                    dirty.put(entry.getKey(), directPeriods(c, d, dates));
                }
            }
            Set<String> written = MetricLocks.closure(topologicalOrder(all), all, MetricService.Current::definition,
                    dirty.keySet());
            if (!held.containsAll(written)) {
                Set<String> missing = new TreeSet<>(written);
                missing.removeAll(held);
                throw new IllegalStateException("the metric catalogue changed during the refresh round (" + missing
                        + " not locked); the round is redone");
            }
            return recompute(c, all, dirty, false);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not recompute metric values: " + e.getMessage(), e);
        }
    }

    /**
     * Stores pushed values of a REPORTED metric as they are, publishes those that changed and recomputes the metrics
     * computed from it; returns how many values changed.
     */
    public int reported(String key, List<ReportedValue> pushed) {
        Map<String, MetricService.Current> all = metrics.currentMetrics();
        MetricService.Current m = all.get(key);
        if (m == null || m.definition().kind() != MetricKind.REPORTED) {
            throw new IllegalArgumentException("only REPORTED metrics take pushed values");
        }
        Map<Slice, BigDecimal> byGrain = new HashMap<>();
        Map<Grain, Set<LocalDate>> periods = new EnumMap<>(Grain.class);
        for (ReportedValue v : pushed) {
            Period p = calendar.parse(v.period());
            byGrain.put(new Slice(p.grain(), p.start(), Map.of()), v.value());
            periods.computeIfAbsent(p.grain(), g -> new TreeSet<>()).add(p.start());
        }
        try (Connection c = dataSource.getConnection()) {
            lock(c, all, Set.of(key));
            List<OutboxMessage> events = new ArrayList<>();
            for (var e : periods.entrySet()) {
                Map<Slice, BigDecimal> fresh = new HashMap<>();
                byGrain.forEach((s, v) -> {
                    if (s.grain() == e.getKey()) {
                        fresh.put(s, v);
                    }
                });
                Map<Slice, BigDecimal[]> existing = readStored(c, key, e.getKey(), e.getValue());
                Map<Slice, BigDecimal> merged = new HashMap<>();
                existing.forEach((s, v) -> merged.put(s, v[0]));
                merged.putAll(fresh);
                store(c, key, m, e.getKey(), e.getValue(), merged, events);
            }
            outbox.publishAll(events);
            Map<String, Map<Grain, Set<LocalDate>>> dirty = new LinkedHashMap<>();
            dirty.put(key, periods);
            return events.size() + recompute(c, all, dirty, true);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store reported values: " + e.getMessage(), e);
        }
    }

    /** Recomputes every period of {@code key} (and what depends on it) that has data; returns the values changed. */
    public int recomputeAll(String key) {
        Map<String, MetricService.Current> all = metrics.currentMetrics();
        MetricService.Current m = all.get(key);
        if (m == null) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            Map<String, Map<Grain, Set<LocalDate>>> dirty = new LinkedHashMap<>();
            Set<String> datasets = new HashSet<>();
            collectDatasets(key, all, datasets, new HashSet<>());
            Map<Grain, Set<LocalDate>> periods = new EnumMap<>(Grain.class);
            for (String dataset : datasets) {
                LocalDate[] range = dataRange(c, dataset);
                if (range != null) {
                    for (Grain g : Grain.values()) {
                        calendar.periodsBetween(g, range[0], range[1].plusDays(1))
                                .forEach(p -> periods.computeIfAbsent(g, x -> new TreeSet<>()).add(p.start()));
                    }
                }
            }
            for (String dataset : datasets) {
                for (var e : all.entrySet()) {
                    if (dataset.equals(e.getValue().definition().dataset()) && isDatasetKind(e.getValue().definition().kind())
                            && (e.getKey().equals(key) || upstreamOf(key, all).contains(e.getKey()))) {
                        dirty.put(e.getKey(), copy(periods));
                    }
                }
            }
            if (!isDatasetKind(m.definition().kind())) {
                dirty.computeIfAbsent(key, k -> new EnumMap<>(Grain.class));
                periods.forEach((g, s) -> dirty.get(key).computeIfAbsent(g, x -> new TreeSet<>()).addAll(s));
            }
            return recompute(c, all, dirty, true);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not recompute metric values: " + e.getMessage(), e);
        }
    }

    /**
     * Recomputes the dirty periods and what follows from them. One computation at a time per metric across threads
     * and replicas: each then reads every fact and value committed before it (READ COMMITTED here, or a snapshot
     * taken after the caller's locks), so two computations of the same metric can never both miss each other's
     * changes, while computations that share no metric run side by side. {@code lock}: take the locks here (false
     * when the caller holds them).
     */
    private int recompute(Connection c, Map<String, MetricService.Current> all,
            Map<String, Map<Grain, Set<LocalDate>>> dirty, boolean lock) throws SQLException {
        if (lock) {
            lock(c, all, dirty.keySet());
        }
        List<OutboxMessage> events = new ArrayList<>();
        Map<String, DayStates.State> currentStates = states.current(c);
        for (String key : topologicalOrder(all)) {
            MetricService.Current m = all.get(key);
            Map<Grain, Set<LocalDate>> periods = dirty.get(key);
            if (!isDatasetKind(m.definition().kind())) {
                Map<Grain, Set<LocalDate>> merged = propagate(m.definition(), dirty);
                if (periods != null) {
                    periods.forEach((g, s) -> merged.computeIfAbsent(g, x -> new TreeSet<>()).addAll(s));
                }
                periods = merged;
                dirty.put(key, periods);
            }
            if (periods == null || periods.isEmpty() || m.definition().kind() == MetricKind.REPORTED) {
                continue; // reported values are stored as pushed; they only feed metrics computed from them
            }
            // a decomposable metric with a day state built for its definition: every grain from the state
            DayStates.State state = currentStates.get(key);
            boolean fromState = state != null && state.version() == m.version();
            Integer rolledUpSince = !fromState && DayRollup.aggregate(m.definition()).isPresent()
                    ? rollUpSince(c, key) : null;
            // the grains computed from the facts, all in one read of them; the others are rolled up from DAY values
            // (stored first: DAY comes first in the grains' order)
            Map<Grain, Map<Slice, BigDecimal>> fromFacts = null;
            if (fromState) {
                fromFacts = states.compute(c, state.id(), key, m, periods);
            } else if (isDatasetKind(m.definition().kind())) {
                Map<Grain, Set<LocalDate>> direct = new EnumMap<>(Grain.class);
                periods.forEach((g, s) -> {
                    if (rolledUpSince == null || !DayRollup.rollsUp(g)) {
                        direct.put(g, s);
                    }
                });
                fromFacts = queries.compute(c, m.definition(), m.datasetFields(), direct);
            }
            for (var entry : periods.entrySet()) {
                if (entry.getValue().isEmpty()) {
                    continue;
                }
                Map<Slice, BigDecimal> fresh = rolledUpSince != null && DayRollup.rollsUp(entry.getKey())
                        ? rollUp(c, key, m, entry.getKey(), entry.getValue(), rolledUpSince)
                        : fromFacts != null ? fromFacts.getOrDefault(entry.getKey(), Map.of())
                        : compute(c, key, m, entry.getKey(), entry.getValue(), all);
                store(c, key, m, entry.getKey(), entry.getValue(), fresh, events);
            }
        }
        outbox.publishAll(events);
        return events.size();
    }

    /**
     * Locks, until the transaction ends, every metric a computation starting from {@code keys} may write (see
     * {@link MetricLocks}); taking a lock the transaction already holds is free.
     */
    private static void lock(Connection c, Map<String, MetricService.Current> all, Set<String> keys)
            throws SQLException {
        Set<String> written = MetricLocks.closure(topologicalOrder(all), all, MetricService.Current::definition, keys);
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            for (long id : MetricLocks.ids(written)) {
                lock.setLong(1, id);
                lock.execute();
            }
        }
    }

    private Map<Slice, BigDecimal> compute(Connection c, String key, MetricService.Current m, Grain grain,
            Set<LocalDate> starts, Map<String, MetricService.Current> all) throws SQLException {
        MetricDefinition d = m.definition();
        switch (d.kind()) {
            case RATIO -> {
                Map<Slice, BigDecimal> num = readRaw(c, d.numerator(), grain, starts);
                Map<Slice, BigDecimal> den = readRaw(c, d.denominator(), grain, starts);
                Map<Slice, BigDecimal> out = new HashMap<>();
                for (var e : num.entrySet()) {
                    BigDecimal b = den.get(e.getKey());
                    if (e.getValue() != null && b != null && b.signum() != 0) {
                        out.put(e.getKey(), e.getValue().divide(b, PRECISION));
                    }
                }
                return out;
            }
            case DERIVED -> {
                Formula formula = Formula.parse(d.formula());
                Set<LocalDate> needed = new TreeSet<>(starts);
                for (LocalDate s : starts) {
                    Period p = calendar.periodOf(grain, s);
                    needed.add(calendar.previous(p).start());
                    needed.add(calendar.sameLastYear(p).start());
                }
                Map<String, Map<Slice, BigDecimal>> inputs = new HashMap<>();
                for (String input : formula.metrics()) {
                    inputs.put(input, readRaw(c, input, grain, needed));
                }
                Set<Map<String, String>> slices = new LinkedHashSet<>();
                slices.add(Map.of());
                inputs.values().forEach(v -> v.keySet().forEach(s -> slices.add(s.dims())));
                Map<Slice, BigDecimal> out = new HashMap<>();
                for (LocalDate s : starts) {
                    Period p = calendar.periodOf(grain, s);
                    for (Map<String, String> dims : slices) {
                        if (!d.dimensionsOrEmpty().containsAll(dims.keySet())) {
                            continue;
                        }
                        BigDecimal v = formula.evaluate((metric, offset) -> {
                            LocalDate at = switch (offset) {
                                case SAME -> s;
                                case PREVIOUS -> calendar.previous(p).start();
                                case LAST_YEAR -> calendar.sameLastYear(p).start();
                            };
                            return inputs.getOrDefault(metric, Map.of()).get(new Slice(grain, at, dims));
                        });
                        if (v != null) {
                            out.put(new Slice(grain, s, dims), v);
                        }
                    }
                }
                return out;
            }
            case CUMULATIVE -> {
                Map<Slice, BigDecimal> out = new HashMap<>();
                for (LocalDate s : starts) {
                    Period p = calendar.periodOf(grain, s);
                    LocalDate windowStart = windowStart(d.window(), p.end().minusDays(1));
                    out.putAll(sumDays(c, d.base(), grain, s, windowStart, p.end()));
                }
                return out;
            }
            default -> {
                return Map.of();
            }
        }
    }

    /**
     * The version from which the metric's stored DAY values are all computed with the definition in force: that of its
     * latest recomputation if that succeeded (every definition change queues one; a lifecycle change keeps the
     * definition), else null — the DAY values may be incomplete or stale, so nothing is rolled up from them.
     */
    private static Integer rollUpSince(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select metric_version, status from recomputation "
                + "where metric_key = ? order by metric_version desc, requested_at desc limit 1")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && "SUCCEEDED".equals(rs.getString(2)) ? rs.getInt(1) : null;
            }
        }
    }

    /** Coarser values of a decomposable metric from its stored DAY values; doubtful periods from the facts. */
    private Map<Slice, BigDecimal> rollUp(Connection c, String key, MetricService.Current m, Grain grain,
            Set<LocalDate> starts, int since) throws SQLException {
        String bucket = Buckets.startOf(grain, "period_start", calendar);
        LocalDate from = starts.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate to = calendar.periodOf(grain, starts.stream().max(LocalDate::compareTo).orElseThrow()).end();
        String sql = "select " + bucket + " as p, dims, " + DayRollup.aggregate(m.definition()).orElseThrow()
                + ", bool_or(dims_key = '' and raw_value is null), bool_or(metric_version < ?) from metric_value "
                + "where metric_key = ? and grain = 'DAY' and period_start >= ? and period_start < ? and " + bucket
                + " = any (?) group by 1, dims_key, dims";
        List<DayRollup.Row> rows = new ArrayList<>();
        Map<String, Map<String, String>> dims = new HashMap<>();
        try (PreparedStatement ps = DatasetQueries.prepare(c, sql, List.of(since, key, from, to, starts));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new DayRollup.Row(rs.getObject(1, LocalDate.class),
                        dims.computeIfAbsent(rs.getString(2), this::fromJson),
                        rs.getBigDecimal(3), rs.getBoolean(4), rs.getBoolean(5)));
            }
        }
        DayRollup.Result result = DayRollup.split(grain, starts, rows);
        if (result.fromFacts().isEmpty()) {
            return result.values();
        }
        Map<Slice, BigDecimal> values = new HashMap<>(result.values());
        values.putAll(queries.compute(c, m.definition(), m.datasetFields(), grain, result.fromFacts()));
        return values;
    }

    private void store(Connection c, String key, MetricService.Current m, Grain grain, Set<LocalDate> starts,
            Map<Slice, BigDecimal> fresh, List<OutboxMessage> events) throws SQLException {
        MetricDefinition d = m.definition();
        Map<Slice, BigDecimal[]> existing = readStored(c, key, grain, starts);
        Map<Slice, BigDecimal> target = new HashMap<>(fresh);
        boolean zeroWhenEmpty = zeroWhenEmpty(d);
        for (LocalDate s : starts) {
            Slice total = new Slice(grain, s, Map.of());
            if (!target.containsKey(total) && (zeroWhenEmpty || existing.containsKey(total))) {
                target.put(total, zeroWhenEmpty ? BigDecimal.ZERO : null);
            }
        }
        Rounding rounding = d.roundingOrDefault();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<Object[]> upserts = new ArrayList<>();
        List<Slice> deletes = new ArrayList<>();
        for (var e : target.entrySet()) {
            BigDecimal raw = e.getValue();
            BigDecimal value = raw == null ? null : raw.setScale(rounding.scale(), rounding.mode());
            BigDecimal[] old = existing.get(e.getKey());
            boolean rawChanged = old == null || !sameNumber(old[0], raw);
            if (old != null && !rawChanged && m.version() == (int) old[2].intValue()) {
                continue;
            }
            upserts.add(new Object[] {e.getKey(), raw, value});
            if (old == null || !sameNumber(old[1], value)) {
                events.add(event(key, m, e.getKey(), value, old == null ? null : old[1], now));
            }
        }
        for (var e : existing.entrySet()) {
            if (!target.containsKey(e.getKey())) {
                deletes.add(e.getKey());
                if (e.getValue()[1] != null) {
                    events.add(event(key, m, e.getKey(), null, e.getValue()[1], now));
                }
            }
        }
        writeValues(c, key, m.version(), upserts, deletes, now);
    }

    private OutboxMessage event(String key, MetricService.Current m, Slice s, BigDecimal value, BigDecimal previous,
            OffsetDateTime now) {
        Period p = calendar.periodOf(s.grain(), s.periodStart());
        MetricValueChanged payload = new MetricValueChanged(key, m.version(), s.grain(), p.start(), p.end(), s.dims(),
                value, previous, m.definition().unit(), now);
        return new OutboxMessage(payload.topic(), payload.kafkaKey(), CloudEvent.of(EventSources.METRIC_SERVICE, payload));
    }

    private void writeValues(Connection c, String key, int version, List<Object[]> upserts, List<Slice> deletes,
            OffsetDateTime now) throws SQLException {
        if (!upserts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into metric_value (metric_key, grain, period_start, period_end, dims_key, dims, raw_value,
                                              value, metric_version, computed_at)
                    values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                    on conflict (metric_key, grain, period_start, dims_key) do update
                        set raw_value = excluded.raw_value, value = excluded.value,
                            metric_version = excluded.metric_version, computed_at = excluded.computed_at""")) {
                Map<Map<String, String>, String> dimsJson = new HashMap<>();
                Timestamp computedAt = Timestamp.from(now.toInstant());
                for (Object[] u : upserts) {
                    Slice s = (Slice) u[0];
                    ps.setString(1, key);
                    ps.setString(2, s.grain().name());
                    ps.setObject(3, s.periodStart());
                    ps.setObject(4, calendar.periodOf(s.grain(), s.periodStart()).end());
                    ps.setString(5, s.dimsKey());
                    ps.setString(6, dimsJson.computeIfAbsent(s.dims(), this::toJson));
                    ps.setBigDecimal(7, (BigDecimal) u[1]);
                    ps.setBigDecimal(8, (BigDecimal) u[2]);
                    ps.setInt(9, version);
                    ps.setTimestamp(10, computedAt);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!deletes.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("delete from metric_value where metric_key = ? and grain = ? "
                    + "and period_start = ? and dims_key = ?")) {
                for (Slice s : deletes) {
                    ps.setString(1, key);
                    ps.setString(2, s.grain().name());
                    ps.setObject(3, s.periodStart());
                    ps.setString(4, s.dimsKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** Stored rows: raw value, rounded value and metric version per slice. */
    private Map<Slice, BigDecimal[]> readStored(Connection c, String key, Grain grain, Set<LocalDate> starts)
            throws SQLException {
        Map<Slice, BigDecimal[]> rows = new HashMap<>();
        Map<String, Map<String, String>> dims = new HashMap<>(); // a few distinct slices over many periods
        List<Object> params = new ArrayList<>();
        String sql = "select period_start, dims, raw_value, value, metric_version from metric_value "
                + "where metric_key = ? and grain = ? and " + DatasetQueries.periodsIn("period_start", starts, params, key, grain.name());
        try (PreparedStatement ps = DatasetQueries.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.put(new Slice(grain, rs.getObject(1, LocalDate.class), dims.computeIfAbsent(rs.getString(2),
                        this::fromJson)),
                        new BigDecimal[] {rs.getBigDecimal(3), rs.getBigDecimal(4), BigDecimal.valueOf(rs.getInt(5))});
            }
        }
        return rows;
    }

    private Map<Slice, BigDecimal> readRaw(Connection c, String key, Grain grain, Set<LocalDate> starts)
            throws SQLException {
        Map<Slice, BigDecimal> out = new HashMap<>();
        readStored(c, key, grain, starts).forEach((s, v) -> {
            if (v[0] != null) {
                out.put(s, v[0]);
            }
        });
        return out;
    }

    private Map<Slice, BigDecimal> sumDays(Connection c, String base, Grain grain, LocalDate periodStart,
            LocalDate from, LocalDate to) throws SQLException {
        Map<Slice, BigDecimal> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select dims, sum(raw_value) from metric_value where metric_key = ? "
                + "and grain = 'DAY' and period_start >= ? and period_start < ? group by dims")) {
            ps.setString(1, base);
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBigDecimal(2) != null) {
                        out.put(new Slice(grain, periodStart, fromJson(rs.getString(1))), rs.getBigDecimal(2));
                    }
                }
            }
        }
        return out;
    }

    /** Periods of every grain touched by the changed dates, for a metric computed from a dataset. */
    private Map<Grain, Set<LocalDate>> directPeriods(Connection c, MetricDefinition d, Set<LocalDate> dates)
            throws SQLException {
        Map<Grain, Set<LocalDate>> periods = new EnumMap<>(Grain.class);
        if (d.kind() == MetricKind.FIRST_SEEN) {
            // An entity's first date can only move within [earliest changed date, last date of the dataset].
            LocalDate from = dates.stream().min(LocalDate::compareTo).orElseThrow();
            LocalDate[] range = dataRange(c, d.dataset());
            LocalDate to = dates.stream().max(LocalDate::compareTo).orElseThrow();
            if (range != null && range[1].isAfter(to)) {
                to = range[1];
            }
            for (Grain g : Grain.values()) {
                Set<LocalDate> s = new TreeSet<>();
                calendar.periodsBetween(g, from, to.plusDays(1)).forEach(p -> s.add(p.start()));
                periods.put(g, s);
            }
            return periods;
        }
        for (Grain g : Grain.values()) {
            Set<LocalDate> s = new TreeSet<>();
            for (LocalDate date : dates) {
                s.add(calendar.startOf(g, date));
            }
            periods.put(g, s);
        }
        return periods;
    }

    /** Periods of a metric computed from other metrics that its inputs' changes affect. */
    private Map<Grain, Set<LocalDate>> propagate(MetricDefinition d, Map<String, Map<Grain, Set<LocalDate>>> dirty) {
        Map<Grain, Set<LocalDate>> out = new EnumMap<>(Grain.class);
        for (String input : MetricRules.metricsUsed(d)) {
            Map<Grain, Set<LocalDate>> in = dirty.get(input);
            if (in == null) {
                continue;
            }
            for (var e : in.entrySet()) {
                Grain g = e.getKey();
                Set<LocalDate> target = out.computeIfAbsent(g, x -> new TreeSet<>());
                for (LocalDate s : e.getValue()) {
                    Period p = calendar.periodOf(g, s);
                    switch (d.kind()) {
                        case RATIO -> target.add(s);
                        case DERIVED -> {
                            target.add(s);
                            target.add(p.end());
                            target.add(calendar.startOf(g, p.start().plusYears(1)));
                        }
                        case CUMULATIVE -> {
                            if (g == Grain.DAY) {
                                addCumulative(d.window(), s, out);
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
        }
        out.values().removeIf(Set::isEmpty);
        return out;
    }

    /** A changed day changes the running total of every period from that day to the end of its window. */
    private void addCumulative(CumulativeWindow window, LocalDate day, Map<Grain, Set<LocalDate>> out) {
        LocalDate windowEnd = switch (window) {
            case YTD -> calendar.periodOf(Grain.YEAR, day).end();
            case QTD -> calendar.periodOf(Grain.QUARTER, day).end();
            case MTD -> calendar.periodOf(Grain.MONTH, day).end();
        };
        for (Grain g : Grain.values()) {
            if (coarser(g, window)) {
                continue;
            }
            calendar.periodsBetween(g, day, windowEnd)
                    .forEach(p -> out.computeIfAbsent(g, x -> new TreeSet<>()).add(p.start()));
        }
    }

    private static boolean coarser(Grain g, CumulativeWindow window) {
        return switch (window) {
            case YTD -> false;
            case QTD -> g == Grain.YEAR;
            case MTD -> g == Grain.YEAR || g == Grain.QUARTER;
        };
    }

    private LocalDate windowStart(CumulativeWindow window, LocalDate day) {
        return switch (window) {
            case YTD -> calendar.periodOf(Grain.YEAR, day).start();
            case QTD -> calendar.periodOf(Grain.QUARTER, day).start();
            case MTD -> calendar.periodOf(Grain.MONTH, day).start();
        };
    }

    private static LocalDate[] dataRange(Connection c, String dataset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select min(event_date), max(event_date) from fact where dataset = ? and not deleted")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                LocalDate min = rs.getObject(1, LocalDate.class);
                return min == null ? null : new LocalDate[] {min, rs.getObject(2, LocalDate.class)};
            }
        }
    }

    /** Metrics ordered so that every metric comes after the metrics it is computed from. */
    static List<String> topologicalOrder(Map<String, MetricService.Current> all) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String key : new TreeSet<>(all.keySet())) {
            visit(key, all, done, new HashSet<>(), order);
        }
        return order;
    }

    private static void visit(String key, Map<String, MetricService.Current> all, Set<String> done, Set<String> path,
            List<String> order) {
        if (done.contains(key) || !all.containsKey(key) || !path.add(key)) {
            return;
        }
        for (String input : MetricRules.metricsUsed(all.get(key).definition())) {
            visit(input, all, done, path, order);
        }
        done.add(key);
        order.add(key);
    }

    private static Set<String> upstreamOf(String key, Map<String, MetricService.Current> all) {
        Set<String> up = new HashSet<>();
        collectDatasetsMetrics(key, all, up);
        return up;
    }

    private static void collectDatasetsMetrics(String key, Map<String, MetricService.Current> all, Set<String> up) {
        MetricService.Current m = all.get(key);
        if (m == null) {
            return;
        }
        for (String input : MetricRules.metricsUsed(m.definition())) {
            if (up.add(input)) {
                collectDatasetsMetrics(input, all, up);
            }
        }
    }

    private static void collectDatasets(String key, Map<String, MetricService.Current> all, Set<String> datasets,
            Set<String> seen) {
        MetricService.Current m = all.get(key);
        if (m == null || !seen.add(key)) {
            return;
        }
        if (m.definition().dataset() != null && isDatasetKind(m.definition().kind())) {
            datasets.add(m.definition().dataset());
        }
        for (String input : MetricRules.metricsUsed(m.definition())) {
            collectDatasets(input, all, datasets, seen);
        }
    }

    private static Map<Grain, Set<LocalDate>> copy(Map<Grain, Set<LocalDate>> periods) {
        Map<Grain, Set<LocalDate>> c = new EnumMap<>(Grain.class);
        periods.forEach((g, s) -> c.put(g, new TreeSet<>(s)));
        return c;
    }

    static boolean isDatasetKind(MetricKind kind) {
        return kind == MetricKind.SIMPLE || kind == MetricKind.FIRST_SEEN || kind == MetricKind.ENTITY_COUNT;
    }

    private static boolean zeroWhenEmpty(MetricDefinition d) {
        return switch (d.kind()) {
            case SIMPLE -> DatasetQueries.isAdditive(d.aggregation());
            case FIRST_SEEN, ENTITY_COUNT -> true;
            case CUMULATIVE -> true;
            default -> false;
        };
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || (a != null && b != null && a.compareTo(b) == 0);
    }

    private String toJson(Map<String, String> dims) {
        try {
            return json.writeValueAsString(dims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> fromJson(String text) {
        try {
            return json.readValue(text, new TypeReference<HashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
