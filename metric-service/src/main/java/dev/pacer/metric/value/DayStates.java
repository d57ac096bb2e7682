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
import java.sql.Statement;
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
 *   <li>A state has an id ({@code metric_state}); a metric has at most one current state, built for one version of
 *       its definition, and at most one being built.</li>
 *   <li>The records consumer adds its deltas in the transaction that stores the facts ({@link #addChanges}): the
 *       versions it replaced −1, the new versions +1, with the definition the state was built for; for COUNT_DISTINCT
 *       also the distinct counts of every grain's periods, moved by the values that appeared in or vanished from them.
 *       For a state being built it keeps the signed facts instead ({@code metric_state_pending}).</li>
 *   <li>A metric's recomputation job rebuilds its state for the definition in force ({@link #rebuild}), before it
 *       recomputes the values: aside, from a snapshot of the facts, without holding up the consumer; a metric without
 *       a current state for its current version is computed from the facts, as every other kind is.</li>
 *   <li>The consumer holds the dataset's facts lock ({@link #lockFacts}) until it commits; a rebuild takes it twice,
 *       briefly: to take its snapshot and register the new state (every fact committed before is in the snapshot,
 *       every one after is kept pending for it), and to add what is still pending and make the state current (most
 *       pending facts are added before, in rounds without the lock). So nothing is counted twice or missed, and the
 *       distinct counts are moved by one transaction at a time.</li>
 * </ul>
 */
@ApplicationScoped
public class DayStates {
    private static final Logger LOG = Logger.getLogger(DayStates.class);

    /**
     * The records the consumer's transaction staged and applies ({@code s}): all but those meeting a stored version as
     * new or newer (a replay), see {@link dev.pacer.metric.fact.FactStore}; the source of a statement, to be followed
     * by {@code and …} conditions.
     */
    public static final String APPLIED_STAGE = "fact_stage s where not exists (select 1 from fact_replaced r "
            + "where r.dataset = s.dataset and r.pk = s.pk and not r.applied)";

    /** The transaction-local table of the distinct values a change made appear or vanish ({@link #addChanges}). */
    public static final String TEMP_TABLES = "create temporary table if not exists distinct_change (dims text "
            + "collate \"C\", value text collate \"C\", day date, change int) on commit delete rows";

    /** A state of a metric: current (built for {@code version}) or being built, and the definition it follows. */
    record Built(String key, long state, String dataset, int version, boolean building, DayStateSql sql) {
    }

    /** A metric's current state: its id and the version of the definition it was built for. */
    record State(long id, int version) {
    }

    private final AgroalDataSource dataSource;
    private final MetricService metrics;
    private final FiscalCalendar calendar;
    private final ObjectMapper json;
    /** Compiled statements by metric and version (versions are immutable). */
    private final Map<String, DayStateSql> compiled = new ConcurrentHashMap<>();
    /**
     * A rebuild adds the facts kept pending while it built in rounds without the facts lock, until a round finds at most
     * this many; only the rest is added under the lock (the records wait for that part).
     */
    static final int PENDING_LEFT_FOR_THE_LOCK = 2_000;
    /** At most this many rounds: under a feed faster than a round, the rest is added under the lock anyway. */
    static final int PENDING_ROUNDS = 5;

    /** Runs while a rebuild builds from its snapshot, after the consumer was told to keep facts pending (tests). */
    private volatile Runnable whileBuilding = () -> { };
    /** Runs after a rebuild's rounds of pending facts, before it takes the facts lock again (tests). */
    private volatile Runnable beforeSwap = () -> { };

    public DayStates(AgroalDataSource dataSource, MetricService metrics, FiscalCalendar calendar, ObjectMapper json) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.calendar = calendar;
        this.json = json;
    }

    /** Sets what runs while a rebuild builds from its snapshot (tests: records arriving meanwhile). */
    void whileBuilding(Runnable action) {
        whileBuilding = action;
    }

    /** Sets what runs after a rebuild's rounds of pending facts, before the lock (tests: records arriving then). */
    void beforeSwap(Runnable action) {
        beforeSwap = action;
    }

    /** The advisory lock id of a dataset's facts and day states (see {@link #lockFacts}). */
    static long factsLock(String dataset) {
        return MetricLocks.id("pacer-facts:" + dataset);
    }

    /** The advisory lock id that lets one rebuild of a metric's state run at a time, across replicas. */
    static long buildLock(String key) {
        return MetricLocks.id("pacer-state-build:" + key);
    }

    /**
     * Takes the facts locks of the datasets, in ascending id, until the transaction ends: the records consumer before
     * it reads the versions its batch replaces, a rebuild to take its snapshot and to make its state current. So the
     * records of one dataset are applied one transaction at a time (across replicas too), and a state being built
     * misses none of them and counts none twice.
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
     * Adds the consumer transaction's changes — the staged versions it applied (+1) and the stored versions they
     * replaced (−1), {@code fact_stage} and {@code fact_replaced} — to the current state of every metric of the
     * datasets that has one, and keeps them for every state being built. The caller holds their facts locks.
     */
    public void addChanges(Connection c, Collection<String> datasets) throws SQLException {
        if (datasets.isEmpty()) {
            return;
        }
        for (Built b : states(c, datasets)) {
            List<Object> source = List.of(b.dataset(), b.dataset());
            if (b.building()) {
                try (PreparedStatement ps = c.prepareStatement(DayStateSql.KEEP_PENDING)) {
                    ps.setLong(1, b.state());
                    ps.setString(2, b.dataset());
                    ps.setString(3, b.dataset());
                    ps.executeUpdate();
                }
            } else {
                add(c, b.state(), b.sql(), DayStateSql.DELTA_SOURCE, source);
            }
        }
    }

    /** Adds signed facts to a state, tracking and moving its distinct counts (COUNT_DISTINCT). */
    private void add(Connection c, long state, DayStateSql sql, String source, List<Object> params)
            throws SQLException {
        execute(c, sql.addDays(state, source, params));
        if (sql.distinct()) {
            execute(c, sql.addDistinct(state, source, params, true));
            moveDistinctCounts(c, state);
            try (PreparedStatement ps = c.prepareStatement("truncate distinct_change")) {
                ps.execute();
            }
        }
    }

    /** Moves the state's distinct counts by the values its last distinct-state change made appear or vanish. */
    private void moveDistinctCounts(Connection c, long state) throws SQLException {
        List<DistinctCounts.Change> changes = new ArrayList<>();
        Sql read = DayStateSql.changedValues(state);
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
            ps.setLong(1, state);
            ps.setArray(2, c.createArrayOf("text", grains.toArray()));
            ps.setArray(3, c.createArrayOf("date", periods.toArray()));
            ps.setArray(4, c.createArrayOf("text", dims.toArray()));
            ps.setArray(5, c.createArrayOf("bigint", counts.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * The metrics' current states built in this calendar (to be compared with the version in force). A state built in
     * another calendar (the fiscal year start was reconfigured) counts as missing: its distinct counts are per fiscal
     * quarter and year, so it is rebuilt ({@link #catchUp}).
     */
    Map<String, State> current(Connection c) throws SQLException {
        Map<String, State> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select metric_key, state_id, metric_version from metric_state "
                + "where status = 'current' and calendar = ?")) {
            ps.setString(1, calendarName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new State(rs.getLong(2), rs.getInt(3)));
                }
            }
        }
        return out;
    }

    private String calendarName() {
        return calendar.zone().getId() + "/" + calendar.fiscalYearStartMonth();
    }

    /**
     * Builds {@code key}'s state from the facts for the definition in force — unless a state for it is current already
     * and {@code evenIfCurrent} is false — or drops it when the metric no longer has one; returns whether the metric
     * has a state now. Runs outside any transaction (it manages its own, see below), one rebuild of a metric at a time
     * across replicas: the definition and the current state are read once the metric's build lock is held, so a second
     * rebuild that waited for the first finds its work done.
     *
     * <ol>
     *   <li>Under the dataset's facts lock, briefly: a REPEATABLE READ snapshot is taken on a second connection, and
     *       the new state is registered as being built; from the commit on, the consumer keeps the facts it applies for
     *       it. Every fact committed before is in the snapshot.</li>
     *   <li>Without the lock, the state is built from the snapshot — the long part; the records keep flowing.</li>
     *   <li>Without the lock, in rounds: the pending facts committed so far are added to it, until a round finds few
     *       ({@link #PENDING_LEFT_FOR_THE_LOCK}; at most {@link #PENDING_ROUNDS} rounds).</li>
     *   <li>Under the lock again: the rest of the pending facts (those of the last round's time) are added to it and it
     *       replaces the current state.</li>
     *   <li>The replaced state's rows are deleted once no computation can be reading them.</li>
     * </ol>
     */
    public boolean rebuild(String key, boolean evenIfCurrent) {
        if (QuarkusTransaction.isActive()) {
            throw new IllegalStateException("a day state is rebuilt outside any transaction");
        }
        try (Connection snapshot = dataSource.getConnection(); Connection locked = dataSource.getConnection()) {
            session(snapshot, "select pg_advisory_lock(?)", buildLock(key));
            try {
                MetricService.Current m = QuarkusTransaction.requiringNew().call(
                        () -> metrics.currentMetrics().get(key));
                boolean maintained = m != null && DayStateSql.maintains(m.definition());
                State state = current(locked).get(key);
                if (!evenIfCurrent && maintained && state != null && state.version() == m.version()
                        && !hasBuilding(locked, key)) {
                    return true;
                }
                return rebuild(key, m, maintained, snapshot, locked);
            } finally {
                end(locked);
                end(snapshot);
                session(snapshot, "select pg_advisory_unlock(?)", buildLock(key));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not rebuild the day state of '" + key + "': " + e.getMessage(), e);
        }
    }

    private static boolean hasBuilding(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from metric_state where metric_key = ? "
                + "and status = 'building'")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean rebuild(String key, MetricService.Current m, boolean maintained, Connection snapshot,
            Connection locked) throws SQLException, JsonProcessingException {
        Set<String> datasets = new TreeSet<>();
        String previous = currentDataset(locked, key);
        if (previous != null) {
            datasets.add(previous);
        }
        if (maintained) {
            datasets.add(m.definition().dataset());
        }
        locked.setAutoCommit(false);
        long began = System.nanoTime();
        lockFacts(locked, datasets);
        long firstLocked = System.nanoTime();
        snapshot.setAutoCommit(false);
        snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = snapshot.createStatement()) {
            s.execute("select 1"); // the snapshot: every fact committed with deltas for the current state, no other
        }
        // states left being built by a rebuild that failed or died (this one holds the metric's build lock)
        List<Long> retired = new ArrayList<>(ids(locked,
                "delete from metric_state where metric_key = ? and status = 'building' returning state_id", key));
        if (!maintained) {
            retired.addAll(ids(locked, "delete from metric_state where metric_key = ? returning state_id", key));
            deletePending(locked, retired);
            locked.commit();
            retire(key, retired);
            return false;
        }
        deletePending(locked, retired);
        MetricDefinition d = m.definition();
        long state;
        try (PreparedStatement ps = locked.prepareStatement("insert into metric_state (state_id, metric_key, status, "
                + "dataset, metric_version, definition, field_types, calendar, started_at) values "
                + "(nextval('metric_state_id'), ?, 'building', ?, ?, ?::jsonb, ?::jsonb, ?, now()) returning state_id")) {
            ps.setString(1, key);
            ps.setString(2, d.dataset());
            ps.setInt(3, m.version());
            ps.setString(4, json.writeValueAsString(d));
            ps.setString(5, json.writeValueAsString(m.datasetFields()));
            ps.setString(6, calendarName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                state = rs.getLong(1);
            }
        }
        locked.commit();
        long firstHeld = System.nanoTime() - firstLocked;
        List<Long> replaced;
        try {
            retire(key, retired);
            whileBuilding.run();
            DayStateSql sql = compile(key, m.version(), d, m.datasetFields());
            List<Object> source = List.of(d.dataset());
            execute(snapshot, sql.addDays(state, DayStateSql.REBUILD_SOURCE, source));
            if (sql.distinct()) {
                execute(snapshot, sql.addDistinct(state, DayStateSql.REBUILD_SOURCE, source, false));
                execute(snapshot, DayStateSql.countDistinct(state, calendar));
            }
            snapshot.commit();

            int takenAside = 0;
            for (int round = 1; round <= PENDING_ROUNDS; round++) {
                int taken = addPending(locked, state, sql);
                locked.commit();
                takenAside += taken;
                if (taken <= PENDING_LEFT_FOR_THE_LOCK) {
                    break;
                }
            }
            beforeSwap.run();
            lockFacts(locked, datasets);
            long secondLocked = System.nanoTime();
            int pending = addPending(locked, state, sql); // the last round, under the lock: nothing is kept any more
            replaced = ids(locked, "delete from metric_state where metric_key = ? and status = 'current' "
                    + "returning state_id", key);
            try (PreparedStatement ps = locked.prepareStatement("update metric_state set status = 'current', "
                    + "built_at = now() where state_id = ?")) {
                ps.setLong(1, state);
                ps.executeUpdate();
            }
            locked.commit();
            long secondHeld = System.nanoTime() - secondLocked;
            LOG.infof("Rebuilt the day state of '%s' (version %d) in %.1f s, aside: %,d fact changes applied meanwhile "
                    + "were added to it, %,d of them under the lock; the dataset's records waited for it %,d ms and "
                    + "%,d ms", key, m.version(), (System.nanoTime() - began) / 1e9, takenAside + pending, pending,
                    firstHeld / 1_000_000, secondHeld / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            abandon(key, state, datasets, locked);
            throw e;
        }
        retire(key, replaced); // the new state is current: a failure here leaves rows no state refers to, no more
        return true;
    }

    /** Unregisters a state whose build failed, under the facts lock (so no consumer keeps facts for it any more). */
    private void abandon(String key, long state, Set<String> datasets, Connection locked) {
        try {
            locked.rollback();
            lockFacts(locked, datasets);
            try (PreparedStatement ps = locked.prepareStatement("delete from metric_state where state_id = ?")) {
                ps.setLong(1, state);
                ps.executeUpdate();
            }
            deletePending(locked, List.of(state));
            locked.commit();
            retire(key, List.of(state));
        } catch (SQLException | RuntimeException e) {
            // the next rebuild of the metric removes it (the catch-up rebuilds a metric without a current state)
            LOG.warnf("Could not remove the state %d of '%s' whose build failed: %s", state, key, e.getMessage());
        }
    }

    /**
     * Deletes the rows of states no longer registered. A computation reading a metric's current state holds the
     * metric's value lock ({@link MetricLocks}) from before it reads which state is current until it commits, so
     * taking that lock once after the state was replaced waits for every computation that could still read the old
     * one; none that starts later can.
     */
    private void retire(String key, List<Long> states) throws SQLException {
        if (states.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                for (long id : MetricLocks.ids(List.of(key))) {
                    ps.setLong(1, id);
                    ps.execute();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("metric_day_state", "metric_distinct_state", "metric_distinct_count")) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where state_id = any (?)")) {
                    ps.setArray(1, c.createArrayOf("bigint", states.toArray()));
                    ps.executeUpdate();
                }
            }
        }
    }

    /**
     * One round of a rebuild's pending facts, in the caller's transaction: the facts kept for the state and committed
     * by now are moved out of {@code metric_state_pending} and added to it. Safe without the facts lock because nobody
     * else writes a state being built (the consumer only keeps facts for it, and keeps committing more meanwhile: they
     * are left for the next round); the last round holds the lock, so it leaves none. Returns how many it took.
     */
    private int addPending(Connection c, long state, DayStateSql sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(TEMP_TABLES);
            s.execute(DayStateSql.ROUND_TABLE);
        }
        int taken;
        try (PreparedStatement ps = c.prepareStatement(DayStateSql.TAKE_PENDING)) {
            ps.setLong(1, state);
            taken = ps.executeUpdate();
        }
        if (taken > 0) {
            add(c, state, sql, DayStateSql.ROUND_SOURCE, List.of());
        }
        return taken;
    }

    /** Deletes the pending facts of the states; returns how many there were. */
    private static int deletePending(Connection c, List<Long> states) throws SQLException {
        if (states.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("delete from metric_state_pending where state_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", states.toArray()));
            return ps.executeUpdate();
        }
    }

    private static List<Long> ids(Connection c, String sql, String key) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Runs a session-level statement with one bigint parameter on a connection outside any transaction. */
    private static void session(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.execute();
        }
    }

    /** Rolls back what a connection left open and gives it back as the pool lent it: auto-commit, READ COMMITTED. */
    private static void end(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }

    /**
     * Builds the states that are missing or follow an older definition or another calendar — after an upgrade, a
     * reconfiguration, or when a recomputation failed — drops those of metrics that no longer have one (deprecated,
     * or redefined as another kind), and removes states left being built by a rebuild that died (the consumer would
     * keep facts for them). A definition change queues a recomputation, which rebuilds its state first; this catches
     * the rest.
     */
    @Scheduled(every = "60s", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void catchUp() {
        Map<String, MetricService.Current> current = QuarkusTransaction.requiringNew().call(metrics::currentMetrics);
        Map<String, State> built = new HashMap<>();
        Set<String> stored = new TreeSet<>();
        Set<String> abandoned = new TreeSet<>();
        try (Connection c = dataSource.getConnection()) {
            built.putAll(current(c));
            try (PreparedStatement ps = c.prepareStatement("select metric_key, status from metric_state");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                    if ("building".equals(rs.getString(2)) && !building(c, rs.getString(1))) {
                        abandoned.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Could not read the day states: %s", e.getMessage());
            return;
        }
        Set<String> rebuild = new TreeSet<>(abandoned);
        for (String key : stored) {
            MetricService.Current m = current.get(key);
            if (m == null || !DayStateSql.maintains(m.definition())) {
                rebuild.add(key);
            }
        }
        for (var e : current.entrySet()) {
            State state = built.get(e.getKey());
            if (DayStateSql.maintains(e.getValue().definition())
                    && (state == null || state.version() != e.getValue().version())) {
                rebuild.add(e.getKey());
            }
        }
        for (String key : rebuild) {
            try {
                if (!rebuild(key, false)) {
                    LOG.infof("Dropped the day state of '%s' (it has none any more)", key);
                }
            } catch (RuntimeException ex) {
                LOG.warnf("Could not rebuild the day state of '%s': %s", key, ex.getMessage());
            }
        }
    }

    /** Whether a rebuild of the metric's state is running (in any replica): its build lock is held. */
    private static boolean building(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, buildLock(key));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return true;
                }
            }
        }
        session(c, "select pg_advisory_unlock(?)", buildLock(key));
        return false;
    }

    /**
     * The values of the periods, per grain, from the state: for COUNT_DISTINCT the distinct count of each slice that
     * has facts (0 when none of them had a measure), else the aggregate of the days' sums and counts.
     */
    Map<Grain, Map<Slice, BigDecimal>> compute(Connection c, long state, String key, MetricService.Current m,
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
            Sql read = DayStateSql.readDistinct(state, wanted);
            try (PreparedStatement ps = DatasetQueries.prepare(c, read.text(), read.params());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    distinct.put(new Slice(grains.get(rs.getInt(1)), rs.getObject(2, LocalDate.class),
                            dims.computeIfAbsent(rs.getString(3), this::fromJson)), rs.getLong(4));
                }
            }
        }
        Sql read = DayStateSql.readDays(state, wanted, calendar);
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

    /** The states of the datasets' metrics, current and being built, by metric. */
    private List<Built> states(Connection c, Collection<String> datasets) throws SQLException {
        List<Built> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select metric_key, state_id, dataset, metric_version, "
                + "status, definition, field_types from metric_state where dataset = any (?) "
                + "order by metric_key, state_id")) {
            ps.setArray(1, c.createArrayOf("text", datasets.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    int version = rs.getInt(4);
                    String definition = rs.getString(6);
                    String types = rs.getString(7);
                    DayStateSql sql = compiled.computeIfAbsent(key + '@' + version, k -> new DayStateSql(
                            read(definition, new TypeReference<MetricDefinition>() { }),
                            read(types, new TypeReference<Map<String, ValueType>>() { })));
                    out.add(new Built(key, rs.getLong(2), rs.getString(3), version, "building".equals(rs.getString(5)),
                            sql));
                }
            }
        }
        return out;
    }

    private DayStateSql compile(String key, int version, MetricDefinition d, Map<String, ValueType> types) {
        return compiled.computeIfAbsent(key + '@' + version, k -> new DayStateSql(d, types));
    }

    private static String currentDataset(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select dataset from metric_state where metric_key = ? "
                + "and status = 'current'")) {
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
