package dev.pacer.bench.metric;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sampling profiler for the database side (pg_stat_statements needs a server restart, this does not): every few
 * milliseconds it reads pg_stat_activity of the bench database and counts what each of the service's connections is
 * doing — which statement is running, or "idle in transaction" (the service's own code running between statements of
 * an open transaction). Counts × interval ≈ connection-seconds per activity.
 */
final class ActivitySampler implements AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final String database;
    private final long intervalMillis;
    private final Map<String, Long> counts = new HashMap<>();
    /** Transactions seen (pid@xact_start) → first and last time seen, 1 if it stored facts or values. */
    private final Map<String, long[]> transactions = new HashMap<>();
    private volatile boolean running = true;
    private long samples;
    private long startNanos;
    private long endNanos;
    private final Thread thread;

    ActivitySampler(String url, String user, String password, String database, long intervalMillis) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.database = database;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::run, "pg-activity-sampler");
        this.thread.setDaemon(true);
        this.startNanos = System.nanoTime();
        this.thread.start();
    }

    private void run() {
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement ps = c.prepareStatement("select state, wait_event_type, wait_event, query, pid, xact_start "
                        + "from pg_stat_activity where datname = ? and pid <> pg_backend_pid() "
                        + "and backend_type = 'client backend' and state <> 'idle'")) {
            ps.setString(1, database);
            while (running) {
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> now = new ArrayList<>();
                    long t = System.nanoTime();
                    while (rs.next()) {
                        String l = label(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                        now.add(l);
                        if (rs.getString(6) != null) {
                            String tx = rs.getLong(5) + "@" + rs.getString(6);
                            boolean consumer = l.contains("FactStore") || l.contains("ValueEngine");
                            synchronized (counts) {
                                long[] seen = transactions.computeIfAbsent(tx, k -> new long[] {t, t, 0});
                                seen[1] = t;
                                if (consumer) {
                                    seen[2] = 1;
                                }
                            }
                        }
                    }
                    synchronized (counts) {
                        samples++;
                        now.forEach(l -> counts.merge(l, 1L, Long::sum));
                    }
                }
                Thread.sleep(intervalMillis);
            }
        } catch (SQLException e) {
            System.err.println("activity sampler stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String label(String state, String waitType, String waitEvent, String query) {
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        String what;
        if (q.contains("copy fact_stage")) {
            what = "FactStore    COPY into fact_stage";
        } else if (q.startsWith("insert into fact_replaced")) {
            what = "FactStore    probe the stored versions (fact_replaced)";
        } else if (q.startsWith("insert into fact ") && q.contains("on conflict")) {
            what = "FactStore    upsert replaced facts";
        } else if (q.startsWith("insert into fact ")) {
            what = "FactStore    insert new facts";
        } else if (q.startsWith("set local work_mem")) {
            what = "FactStore    set work_mem";
        } else if (q.startsWith("select s.dataset, s.event_date from fact_stage")) {
            what = "FactStore    changed dates";
        } else if (q.startsWith("insert into metric_day_state")) {
            what = "DayStates    add deltas to the day state";
        } else if (q.startsWith("with d as (select case when dk is null")) {
            what = "DayStates    add deltas to the distinct values";
        } else if (q.startsWith("select x.dims, x.value")) {
            what = "DayStates    changed distinct values and their days";
        } else if (q.startsWith("insert into metric_distinct_count")) {
            what = "DayStates    move distinct counts";
        } else if (q.contains("from metric_day_state")) {
            what = "DayStates    read the day state";
        } else if (q.contains("from metric_distinct_count")) {
            what = "DayStates    read the distinct counts";
        } else if (q.contains("create temporary table")) {
            what = "FactStore    create temp fact_stage";
        } else if (q.startsWith("truncate fact_stage")) {
            what = "FactStore    truncate fact_stage";
        } else if (q.contains("pacer-metric-values")) {
            what = "ValueEngine  advisory lock";
        } else if (q.contains("from fact f") || q.contains("from fact where")) {
            what = "ValueEngine  compute " + computeKind(q);
        } else if (q.startsWith("select period_start, dims, raw_value")) {
            what = "ValueEngine  readStored metric_value";
        } else if (q.startsWith("insert into metric_value")) {
            what = "ValueEngine  upsert metric_value";
        } else if (q.startsWith("delete from metric_value")) {
            what = "ValueEngine  delete metric_value";
        } else if (q.startsWith("select dims, sum(raw_value)")) {
            what = "ValueEngine  cumulative sumDays";
        } else if (q.startsWith("insert into outbox_event")) {
            what = "Outbox       insert outbox_event";
        } else if (q.contains("outbox_event") || q.contains("pacer-outbox")) {
            what = "OutboxRelay  select/delete outbox_event";
        } else if (q.startsWith("select period_start, dims, dims_key, value")) {
            what = "Values API   read metric_value";
        } else if (q.contains("recomputation")) {
            what = "Recomputations queue poll/run";
        } else if (q.contains("metric.dataset") || q.contains("metric.metric ") || q.contains(" from dataset ")
                || q.contains(" from metric ")) {
            what = "Hibernate    dataset/metric lookups";
        } else if (q.startsWith("commit")) {
            what = "commit";
        } else if (q.contains("processed_event")) {
            what = "EventConsumer processed_event";
        } else {
            what = "other: " + (q.length() > 70 ? q.substring(0, 70) : q);
        }
        if (!"active".equals(state)) {
            return "[" + state + "] after: " + what;
        }
        if (waitType != null && !"Client".equals(waitType)) {
            return what + "  (waiting " + waitType + ":" + waitEvent + ")";
        }
        return what;
    }

    private static String computeKind(String q) {
        String grain = q.contains("date_trunc('year'") ? "YEAR" : q.contains("date_trunc('quarter'") ? "QUARTER"
                : q.contains("date_trunc('month'") ? "MONTH" : q.contains("date_trunc('week'") ? "WEEK" : "DAY";
        String agg = q.contains("count(distinct m)") ? "COUNT_DISTINCT" : q.contains("sum(m)") ? "SUM"
                : q.contains("min(event_date), max(event_date)") ? "dataRange" : "other";
        if (agg.equals("dataRange")) {
            return "dataRange (min/max event_date)";
        }
        return agg + " " + grain;
    }

    @Override
    public void close() {
        running = false;
        endNanos = System.nanoTime();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many consumer batch transactions were seen, and their mean observed duration in ms. */
    double[] batches() {
        synchronized (counts) {
            var batches = transactions.values().stream().filter(v -> v[2] == 1).toList();
            double mean = batches.stream().mapToLong(v -> v[1] - v[0]).average().orElse(0) / 1e6;
            return new double[] {batches.size(), mean};
        }
    }

    /** The profile as text: connection-seconds per activity, largest first. */
    String report() {
        StringBuilder sb = new StringBuilder();
        double wall = (endNanos - startNanos) / 1e9;
        synchronized (counts) {
            double perSample = samples == 0 ? 0 : wall / samples;
            sb.append(String.format("    %d samples over %.1f s (≈ %.1f ms apart); connection-seconds by activity:%n",
                    samples, wall, perSample * 1000));
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(30)
                    .forEach(e -> sb.append(String.format("    %8.2f s  %5.1f%%  %s%n", e.getValue() * perSample,
                            100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
        }
        return sb.toString();
    }
}
