package dev.pacer.metric.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.Grain;
import dev.pacer.metric.definition.MetricDefinition;
import dev.pacer.metric.definition.MetricService;
import dev.pacer.metric.expression.Sql;
import dev.pacer.metric.expression.ValueType;
import dev.pacer.platform.calendar.FiscalCalendar;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps the day state of the decomposable metrics (see {@link DayStateSql}) and reads values from it.
 *
 * <ul>
 *   <li>The records consumer adds its deltas in the transaction that stores the facts ({@link #addChanges}): the
 *       versions it replaced −1, the new versions +1, with the definition the state was built for
 *       ({@code metric_state}); for COUNT_DISTINCT also the distinct counts of every grain's periods, moved by the
 *       values that appeared in or vanished from them.</li>
 *   <li>A metric's recomputation job rebuilds the state from the facts for the definition in force ({@link #rebuild}),
 *       before it recomputes the values; a metric without a state built for its current version is computed from the
 *       facts, as every other kind is.</li>
 *   <li>The consumer and a rebuild hold the dataset's facts lock ({@link #lockFacts}) until they commit, so a rebuild
 *       sees every fact committed with deltas for the state it replaces, every delta after it is added to the rebuilt
 *       state, and the distinct counts are moved by one transaction at a time: nothing is counted twice or missed.</li>
 * </ul>
 */
@ApplicationScoped
public class DayStates {
    private static final Logger LOG = Logger.getLogger(DayStates.class);

    /** A metric's state as built: for which version, from which definition and field types. */
    record Built(String key, String dataset, int version, DayStateSql sql) {
    }

    private final AgroalDataSource dataSource;
    private final MetricService metrics;
    private final FiscalCalendar calendar;
    private final ObjectMapper json;
    /** Compiled statements by metric and version (versions are immutable). */
    private final Map<String, DayStateSql> compiled = new ConcurrentHashMap<>();

    public DayStates(AgroalDataSource dataSource, MetricService metrics, FiscalCalendar calendar, ObjectMapper json) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.calendar = calendar;
        this.json = json;
    }

    /** The advisory lock id of a dataset's facts and day states (see {@link #lockFacts}). */
    static long factsLock(String dataset) {
        return MetricLocks.id("pacer-facts:" + dataset);
    }

    /**
     * Takes the facts locks of the datasets, in ascending id, until the transaction ends: the records consumer before
     * it reads the versions its batch replaces, a rebuild before it reads the facts. So the records of one dataset are
     * applied one transaction at a time (across replicas too), and a rebuild sees every fact committed with deltas to
     * the state it replaces.
     */
    public void lockFacts(Connection c, Collection<String> datasets) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        datasets.forEach(d -> ids.add(factsLock(d)));
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            for (long id : ids) {
                ps.setLong(1, id);
                ps.execute();
            }
        }
    }

    /**
     * Adds the consumer transaction's changes — {@code fact_change}: the versions it applied (+1) and those
     * they replaced (−1) — to the state of every metric of the datasets that has one. The caller holds their facts locks.
     */
    public void addChanges(Connection c, Collection<String> datasets) throws SQLException {
        if (datasets.isEmpty()) {
            return;
        }
        for (Built b : built(c, datasets)) {
            List<Object> source = List.of(b.dataset(), b.dataset());
            execute(c, b.sql().addDays(b.key(), DayStateSql.DELTA_SOURCE, source));
            if (b.sql().distinct()) {
                execute(c, b.sql().addDistinct(b.key(), DayStateSql.DELTA_SOURCE, source, true));
                moveDistinctCounts(c, b.key());
                try (PreparedStatement ps = c.prepareStatement("truncate distinct_change")) {
                    ps.execute();
                }
            }
        }
    }

    /** Moves the metric's distinct counts by the values its last distinct-state change made appear or vanish. */
    private void moveDistinctCounts(Connection c, String key) throws SQLException {
        List<DistinctCounts.Change> changes = new ArrayList<>();
        Sql read = DayStateSql.changedValues(key);
        try (PreparedStatement ps = DatasetQueries.prepare(c, read.text(), read.params());
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                changes.add(new DistinctCounts.Change(rs.getString(1), DistinctCounts.epochDays(rs.getString(3)),
                        DistinctCounts.epochDays(rs.getString(4)), DistinctCounts.epochDays(rs.getString(5))));
            }
        }
        Map<DistinctCounts.Cell, Long> moves = DistinctCounts.moves(changes, calendar);
        if (moves.isEmpty()) {
            return;
        }
        List<String> grains = new ArrayList<>();
        List<java.sql.Date> periods = new ArrayList<>();
        List<String> dims = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        moves.forEach((cell, n) -> {
            grains.add(cell.grain().name());
            periods.add(java.sql.Date.valueOf(cell.periodStart()));
            dims.add(cell.dims());
            counts.add(n);
        });
        try (PreparedStatement ps = c.prepareStatement(DayStateSql.MOVE_COUNTS)) {
            ps.setString(1, key);
            ps.setArray(2, c.createArrayOf("text", grains.toArray()));
            ps.setArray(3, c.createArrayOf("date", periods.toArray()));
            ps.setArray(4, c.createArrayOf("text", dims.toArray()));
            ps.setArray(5, c.createArrayOf("bigint", counts.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * The metrics with a state built in this calendar, for which version (to be compared with the version in force).
     * A state built in another calendar (the fiscal year start was reconfigured) counts as missing: its distinct
     * counts are per fiscal quarter and year, so it is rebuilt ({@link #catchUp}).
     */
    Map<String, Integer> builtVersions(Connection c) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select metric_key, metric_version from metric_state "
                + "where calendar = ?")) {
            ps.setString(1, calendarName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    private String calendarName() {
        return calendar.zone().getId() + "/" + calendar.fiscalYearStartMonth();
    }

    /**
     * Rebuilds {@code key}'s state from the facts for the definition in force, in the caller's transaction (holding
     * the dataset's facts lock until it ends), or drops it when the metric no longer has one. Returns whether a state
     * was built.
     */
    public boolean rebuild(String key) {
        MetricService.Current m = metrics.currentMetrics().get(key);
        try (Connection c = dataSource.getConnection()) {
            Set<String> datasets = new TreeSet<>();
            String previous = storedDataset(c, key);
            if (previous != null) {
                datasets.add(previous);
            }
            boolean maintained = m != null && DayStateSql.maintains(m.definition());
            if (maintained) {
                datasets.add(m.definition().dataset());
            }
            lockFacts(c, datasets);
            for (String table : List.of("metric_day_state", "metric_distinct_state", "metric_distinct_count",
                    "metric_state")) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where metric_key = ?")) {
                    ps.setString(1, key);
                    ps.executeUpdate();
                }
            }
            if (!maintained) {
                return false;
            }
            MetricDefinition d = m.definition();
            DayStateSql sql = compile(key, m.version(), d, m.datasetFields());
            List<Object> source = List.of(d.dataset());
            execute(c, sql.addDays(key, DayStateSql.REBUILD_SOURCE, source));
            if (sql.distinct()) {
                execute(c, sql.addDistinct(key, DayStateSql.REBUILD_SOURCE, source, false));
                execute(c, DayStateSql.countDistinct(key, calendar));
            }
            try (PreparedStatement ps = c.prepareStatement("insert into metric_state (metric_key, dataset, "
                    + "metric_version, definition, field_types, calendar, built_at) "
                    + "values (?, ?, ?, ?::jsonb, ?::jsonb, ?, now())")) {
                ps.setString(1, key);
                ps.setString(2, d.dataset());
                ps.setInt(3, m.version());
                ps.setString(4, json.writeValueAsString(d));
                ps.setString(5, json.writeValueAsString(m.datasetFields()));
                ps.setString(6, calendarName());
                ps.executeUpdate();
            }
            return true;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not rebuild the day state of '" + key + "': " + e.getMessage(), e);
        }
    }

    /**
     * Builds the states that are missing or follow an older definition or another calendar — after an upgrade, a
     * reconfiguration, or when a recomputation failed — and drops those of metrics that no longer have one (deprecated,
     * or redefined as another kind), each in its own transaction. A definition change queues a recomputation, which
     * rebuilds its state first; this catches the rest.
     */
    @Scheduled(every = "60s", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void catchUp() {
        Map<String, Integer> built = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return builtVersions(c);
            }
        });
        Map<String, MetricService.Current> current = QuarkusTransaction.requiringNew().call(metrics::currentMetrics);
        Set<String> stored = QuarkusTransaction.requiringNew().call(() -> {
            Set<String> keys = new TreeSet<>();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("select metric_key from metric_state");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        });
        for (String key : stored) {
            MetricService.Current m = current.get(key);
            if (m == null || !DayStateSql.maintains(m.definition())) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> rebuild(key));
                    LOG.infof("Dropped the day state of '%s' (it has none any more)", key);
                } catch (RuntimeException ex) {
                    LOG.warnf("Could not drop the day state of '%s': %s", key, ex.getMessage());
                }
            }
        }
        for (var e : current.entrySet()) {
            boolean wanted = DayStateSql.maintains(e.getValue().definition());
            Integer version = built.get(e.getKey());
            if (wanted && (version == null || version != e.getValue().version())) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> rebuild(e.getKey()));
                    LOG.infof("Built the day state of '%s' (version %d)", e.getKey(), e.getValue().version());
                } catch (RuntimeException ex) {
                    LOG.warnf("Could not build the day state of '%s': %s", e.getKey(), ex.getMessage());
                }
            }
        }
    }

    /**
     * The values of the periods, per grain, from the state: for COUNT_DISTINCT the distinct count of each slice that
     * has facts (0 when none of them had a measure), else the aggregate of the days' sums and counts.
     */
    Map<Grain, Map<Slice, BigDecimal>> compute(Connection c, String key, MetricService.Current m,
            Map<Grain, Set<LocalDate>> periods) throws SQLException {
        Map<Grain, Set<LocalDate>> wanted = new EnumMap<>(Grain.class);
        periods.forEach((g, s) -> {
            if (!s.isEmpty()) {
                wanted.put(g, s);
            }
        });
        Map<Grain, Map<Slice, BigDecimal>> result = new EnumMap<>(Grain.class);
        if (wanted.isEmpty()) {
            return result;
        }
        DayStateSql sql = compile(key, m.version(), m.definition(), m.datasetFields());
        List<Grain> grains = new ArrayList<>(wanted.keySet());
        grains.forEach(g -> result.put(g, new HashMap<>()));
        Map<String, Map<String, String>> dims = new HashMap<>();
        Map<Slice, Long> distinct = new HashMap<>();
        if (sql.distinct()) {
            Sql read = DayStateSql.readDistinct(key, wanted);
            try (PreparedStatement ps = DatasetQueries.prepare(c, read.text(), read.params());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    distinct.put(new Slice(grains.get(rs.getInt(1)), rs.getObject(2, LocalDate.class),
                            dims.computeIfAbsent(rs.getString(3), this::fromJson)), rs.getLong(4));
                }
            }
        }
        Sql read = DayStateSql.readDays(key, wanted, calendar);
        try (PreparedStatement ps = DatasetQueries.prepare(c, read.text(), read.params());
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Grain grain = grains.get(rs.getInt(1));
                Slice slice = new Slice(grain, rs.getObject(2, LocalDate.class),
                        dims.computeIfAbsent(rs.getString(3), this::fromJson));
                result.get(grain).put(slice, sql.value(rs.getBigDecimal(4), rs.getLong(5), rs.getLong(6),
                        distinct.get(slice)));
            }
        }
        return result;
    }

    private List<Built> built(Connection c, Collection<String> datasets) throws SQLException {
        List<Built> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select metric_key, dataset, metric_version, definition, "
                + "field_types from metric_state where dataset = any (?) order by metric_key")) {
            ps.setArray(1, c.createArrayOf("text", datasets.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    int version = rs.getInt(3);
                    String definition = rs.getString(4);
                    String types = rs.getString(5);
                    DayStateSql sql = compiled.computeIfAbsent(key + '@' + version, k -> new DayStateSql(
                            read(definition, new TypeReference<MetricDefinition>() { }),
                            read(types, new TypeReference<Map<String, ValueType>>() { })));
                    out.add(new Built(key, rs.getString(2), version, sql));
                }
            }
        }
        return out;
    }

    private DayStateSql compile(String key, int version, MetricDefinition d, Map<String, ValueType> types) {
        return compiled.computeIfAbsent(key + '@' + version, k -> new DayStateSql(d, types));
    }

    private static String storedDataset(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select dataset from metric_state where metric_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void execute(Connection c, Sql sql) throws SQLException {
        try (PreparedStatement ps = DatasetQueries.prepare(c, sql.text(), sql.params())) {
            ps.executeUpdate();
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> fromJson(String text) {
        return read(text, new TypeReference<HashMap<String, String>>() { });
    }
}
