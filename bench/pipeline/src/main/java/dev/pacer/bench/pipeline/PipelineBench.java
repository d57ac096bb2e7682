package dev.pacer.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.pacer.bench.support.ImageJvm;
import dev.pacer.bench.support.Jwt;
import dev.pacer.bench.support.KafkaReadings;
import dev.pacer.bench.support.Machine;
import dev.pacer.bench.support.Percentiles;
import dev.pacer.bench.support.ProducerPerformance;
import dev.pacer.bench.support.RawCopy;
import dev.pacer.bench.support.Rest;
import dev.pacer.bench.support.ServiceProcess;
import dev.pacer.bench.support.ThreadCpu;
import dev.pacer.bench.support.WebhookSignature;
import dev.pacer.dev.kafka.KafkaBroker;
import dev.pacer.dev.kafka.KafkaBrokerMain;
import dev.pacer.events.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The whole-loop benchmark (issue 7): the dev Kafka broker (in this JVM) and the four services as their own processes
 * over a fresh database; order lines pushed through ingest-service become metric values, goal progress and alerts
 * delivered to a signed webhook in this JVM. Prints the data-to-alert latency under a steady load, the sustained
 * end-to-end rate until goal progress is current, each service's memory and CPU, and — in the same run — the raw
 * Kafka producer and PostgreSQL COPY rates with the ratios. Not a test: it prints figures. Run it with
 * {@code bench/pipeline/run.sh}.
 */
public final class PipelineBench {
    static final String ISSUER = "pacer-bench";
    static final String DEPARTMENT = "sales";
    static final String DATASET = "bench_orders";
    static final String PROBE_DATASET = "bench_probe";
    static final String REVENUE = "bench_revenue";
    static final String ORDERS = "bench_orders_count";
    static final String PROBE_METRIC = "bench_probe_value";
    static final String PROBE_RULE = "BenchProbeThreshold";
    static final String PACE_RULE = "BenchRevenueBehindPace";
    static final String RAW_TOPIC = "bench.raw-producer";
    static final double TARGET_P99_MS = 1_000;
    static final double TARGET_LATENCY_RATE = 5_000;
    static final double TARGET_SUSTAINED = 30_000;
    /** At most this many rows go into the raw COPY measurement (built in memory beforehand). */
    static final int RAW_COPY_ROWS = 1_000_000;
    /** A batch of the steady load not started within this of its slot is not sent. */
    static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** The four services: Maven module and port variable. */
    enum Svc {
        INGEST("ingest-service", "PACER_INGEST_PORT"),
        METRIC("metric-service", "PACER_METRIC_PORT"),
        GOAL("goal-service", "PACER_GOAL_PORT"),
        ALERT("alert-service", "PACER_ALERT_PORT");

        final String module;
        final String portVariable;

        Svc(String module, String portVariable) {
            this.module = module;
            this.portVariable = portVariable;
        }
    }

    private final Options o;
    private final String secret = "whsec_bench_" + Long.toHexString(System.nanoTime()) + "_pipeline";
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final Lines lines;
    private final Probes probes = new Probes();
    private final HttpClient loadHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient probeHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Svc, ServiceProcess> services = new EnumMap<>(Svc.class);
    private final Map<Svc, String> bases = new EnumMap<>(Svc.class);
    private final List<String> summary = new ArrayList<>();
    private final AtomicInteger webhookCalls = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger paceAlerts = new AtomicInteger();
    private final AtomicLong caughtUpNanos = new AtomicLong(-1);
    private Thread catchUp;

    /** What every accepted push added: the goals' expected actuals. Guarded by this. */
    private BigDecimal expectedRevenue = BigDecimal.ZERO;
    private long expectedOrders;
    /** The next line number to push (whole orders). */
    private final AtomicLong nextLine = new AtomicLong();

    private KafkaBroker broker;
    private HttpServer receiver;
    private ExecutorService receiverThreads;
    private Connection pg;
    private boolean databaseCreated;
    private boolean cleanedUp;
    private String integrationToken;
    private Rest steward;
    private Rest goals;
    private String revenueGoal;
    private String ordersGoal;

    private PipelineBench(Options o) {
        this.o = o;
        this.lines = new Lines(today, o.days);
    }

    public static void main(String[] args) throws Exception {
        for (String logger : List.of("defaultLogLevel", "log.kafka", "log.org.apache.kafka")) {
            if (System.getProperty("org.slf4j.simpleLogger." + logger) == null) {
                System.setProperty("org.slf4j.simpleLogger." + logger, "error");
            }
        }
        Options o = Options.parse(args);
        if (o == null) {
            return;
        }
        PipelineBench bench = new PipelineBench(o);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanup, "bench-cleanup"));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(o.maxMinutes));
                System.err.println("\nTIME LIMIT of " + o.maxMinutes + " min reached: stopping and cleaning up.");
                System.exit(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int code = 0;
        try {
            bench.run();
        } catch (Exception e) {
            System.err.println("\nBENCHMARK FAILED: " + e);
            e.printStackTrace();
            System.err.println("service logs: " + o.workDir.toAbsolutePath() + "/*.log");
            code = 1;
        } finally {
            bench.cleanup();
        }
        System.exit(code);
    }

    // ------------------------------------------------------------------------------------------------ the run

    private void run() throws Exception {
        Files.createDirectories(o.workDir);
        String loadAtStart = Machine.loadAverages();
        say("Pacer whole-pipeline benchmark — %s", Instant.now());
        say("  machine: %d cores, load average %s; JVM %s", Runtime.getRuntime().availableProcessors(), loadAtStart,
                System.getProperty("java.version"));
        say("  latency: %,d records/s offered for %d s after %d s warm-up, a probe every %d ms; sustained: %,d records,"
                + " %d pushes in flight; batches of %,d%s", o.rate, o.durationSeconds, o.warmupSeconds,
                o.probeIntervalMillis, o.records, o.concurrency, o.batch, o.quick ? " (--quick)" : "");
        say("  order lines dated %s … %s (%d days), four lines per order", today.minusDays(lines.days() - 1L), today,
                lines.days());

        setUp();

        // ---- 1. data-to-alert latency under a steady load
        say("%n1. Data-to-alert latency at %,d records/s (REST push accepted → signed webhook received)", o.rate);
        Phase latency = Phase.start(this);
        LoadResult load = latencyPhase();
        Phase latencyEnd = latency.end(this);
        catchUp.join();
        long current = caughtUpNanos.get();
        double drainedAfter = current < 0 ? -1 : Math.max(0, (current - load.stoppedNanos) / 1e9);
        reportLatency(load, latencyEnd, drainedAfter);

        // ---- 2. sustained end-to-end throughput
        say("%n2. Sustained end to end: %,d records pushed as fast as ingest-service accepts them, until goal progress "
                + "is current", o.records);
        Sustained sustained = sustainedPhase();

        // ---- 3. the raw rates of the same run
        say("%n3. Raw rates on the same machine, broker and database, services idle");
        int recordSize = KafkaReadings.averageValueSize(broker.bootstrapServers(), Topics.RECORDS,
                KafkaBrokerMain.PARTITIONS);
        ProducerPerformance.Result perf = ProducerPerformance.run(o.lib, broker.bootstrapServers(), RAW_TOPIC,
                sustained.records, recordSize, o.workDir.resolve("producer-performance.log"));
        say("  Kafka ProducerPerformance: %,.0f records/s (%,d records of %,d bytes — the average RecordChanged "
                + "ingest-service published — acks=all, unthrottled)%n    %s", perf.rate(), sustained.records,
                recordSize, perf.line());
        // a rate: the first RAW_COPY_ROWS rows of the run tell it as well as more would (2,000,000 rows built in
        // memory at once, as maps and then as COPY data, did not fit in the bench JVM's heap beside the broker)
        int copyRows = Math.min(sustained.records, RAW_COPY_ROWS);
        byte[] data = RawCopy.binary(DATASET, lines.rows(sustained.firstLine, copyRows));
        say("  PostgreSQL COPY of the same rows (%s) in FactStore's binary format (%.1f MB, built beforehand):",
                copyRows == sustained.records ? String.format(Locale.ROOT, "%,d", copyRows)
                        : String.format(Locale.ROOT, "the first %,d of the %,d", copyRows, sustained.records),
                data.length / 1e6);
        double copyRate = RawCopy.unloggedRate(pg, data, copyRows, 2, line -> say("%s", line));
        data = null;
        say("  → raw COPY rate (best of 2): %,.0f rows/s", copyRate);

        // ---- summary
        double e2e = sustained.rate();
        summary.add(String.format(Locale.ROOT, "sustained end to end, REST push → goal progress current: %,.0f records/s"
                + "   [target ≥ %,.0f: %s]", e2e, TARGET_SUSTAINED, verdict(e2e >= TARGET_SUSTAINED,
                        100 * e2e / TARGET_SUSTAINED)));
        summary.add(String.format(Locale.ROOT, "   %,d records: ingest accepted them at %,.0f records/s (%.1f s); "
                + "metric values current after %.1f s; goal progress after %.1f s", sustained.records,
                sustained.records / sustained.acceptedSeconds, sustained.acceptedSeconds, sustained.valuesSeconds,
                sustained.goalSeconds));
        summary.add(String.format(Locale.ROOT, "raw Kafka producer (ProducerPerformance, %,d × %,d B, acks=all): "
                + "%,.0f records/s   end-to-end/raw = %.3f; ingest-accept/raw = %.3f", sustained.records, recordSize,
                perf.rate(), e2e / perf.rate(), sustained.records / sustained.acceptedSeconds / perf.rate()));
        summary.add(String.format(Locale.ROOT, "raw PostgreSQL COPY (same rows, unlogged table, no index): %,.0f rows/s"
                + "   end-to-end/raw = %.3f", copyRate, e2e / copyRate));
        summary.add("memory (VmRSS now / VmHWM peak) and CPU seconds (latency phase / sustained phase, of which the "
                + "JIT compiler):");
        for (Svc s : Svc.values()) {
            Machine.Memory m = Machine.memory(services.get(s).pid());
            summary.add(String.format(Locale.ROOT, "   %-15s %,6d MiB / %,6d MiB peak   CPU %6.1f s / %6.1f s (JIT %.1f s)",
                    s.module, m.residentMiB(), m.peakMiB(), latencyEnd.cpu(s), sustained.phase.cpu(s),
                    sustained.phase.jit.getOrDefault(s, 0.0)));
        }
        summary.add(String.format(Locale.ROOT, "   %-15s %,6d MiB / %,6d MiB peak   CPU %6.1f s / %6.1f s",
                "bench JVM", Machine.memory(ProcessHandle.current().pid()).residentMiB(),
                Machine.memory(ProcessHandle.current().pid()).peakMiB(), latencyEnd.self, sustained.phase.self));
        summary.add(String.format(Locale.ROOT, "   %-15s %-31s CPU %6.1f s / %6.1f s", "PostgreSQL",
                "(backends of the bench database)", latencyEnd.postgres, sustained.phase.postgres));
        summary.add(String.format(Locale.ROOT, "machine: %d cores shared; load average at start %s, now %s; busy %.0f%% "
                + "(latency phase) / %.0f%% (sustained phase), all users", Runtime.getRuntime().availableProcessors(),
                loadAtStart, Machine.loadAverages(), latencyEnd.busy, sustained.phase.busy));

        say("%n==================== SUMMARY: bench/pipeline — ingest → Kafka → metric → goal → alert → webhook "
                + "====================");
        summary.forEach(line -> say("%s", line));
        say("Targets (issue 7, this 2-core machine with everything on it): data-to-alert p99 ≤ 1 s at 5,000 records/s;"
                + " sustained ≥ 30,000 records/s.");
        say("========================================================================================================"
                + "============");
    }

    private static String verdict(boolean met, double percentOfTarget) {
        return met ? "MET" : String.format(Locale.ROOT, "NOT MET, %.0f%% of target", percentOfTarget);
    }

    // ------------------------------------------------------------------------------------------------ 1. latency

    private record LoadResult(long offered, long accepted, long dropped, int failedPushes, double seconds,
            Percentiles pushMs, int maxQueued, long stoppedNanos) {
    }

    /**
     * Pushes order lines at a steady rate (one batch every batch/rate seconds, handed to a few clients so a slow
     * answer does not hold the schedule up) while a probe thread pushes one probe at a time.
     */
    private LoadResult latencyPhase() throws Exception {
        long batchNanos = (long) (1e9 * o.batch / o.rate);
        long t0 = System.nanoTime();
        long warmEnd = t0 + TimeUnit.SECONDS.toNanos(o.warmupSeconds);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(o.durationSeconds);
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(o.loadClients);
        ConcurrentLinkedQueue<Double> pushMs = new ConcurrentLinkedQueue<>();
        AtomicLong accepted = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong dropped = new AtomicLong();
        Thread prober = new Thread(() -> probeLoop(warmEnd, end), "probe");
        prober.setDaemon(true);
        prober.start();
        long offered = 0;
        int maxQueued = 0;
        long measuredOffered = 0;
        long lastReport = t0;
        for (long i = 0; ; i++) {
            long due = t0 + i * batchNanos;
            if (due >= end) {
                break;
            }
            sleepUntil(due);
            long from = nextLine.getAndAdd(o.batch);
            boolean measured = due >= warmEnd;
            offered += o.batch;
            if (measured) {
                measuredOffered += o.batch;
            }
            pool.execute(() -> {
                if (System.nanoTime() - due > MAX_LAG_NANOS) {
                    // no client got to it within MAX_LAG of its slot: the service is slower than the offered rate,
                    // and a stale batch would only grow the backlog in front of the probes
                    if (measured) {
                        dropped.addAndGet(o.batch);
                    }
                    return;
                }
                try {
                    Lines.Batch b = lines.batch(from, o.batch);
                    long t = System.nanoTime();
                    HttpResponse<String> r = pushOrders(loadHttp, b.json());
                    double ms = (System.nanoTime() - t) / 1e6;
                    if (accepted(r, b.lines())) {
                        added(b);
                        if (measured) {
                            pushMs.add(ms);
                            accepted.addAndGet(b.lines());
                        }
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            });
            maxQueued = Math.max(maxQueued, pool.getQueue().size());
            long now = System.nanoTime();
            if (now - lastReport > TimeUnit.SECONDS.toNanos(15)) {
                lastReport = now;
                say("    … %.0f s: %,d records offered, %d pushes waiting for a client, %d probes delivered",
                        (now - t0) / 1e9, offered, pool.getQueue().size(),
                        probes.all().stream().filter(Probes.Probe::delivered).count());
            }
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        long stopped = System.nanoTime();
        double seconds = (stopped - warmEnd) / 1e9;
        // from now on, watch for goal progress catching up with everything pushed (while stragglers are awaited)
        catchUp = new Thread(() -> {
            try {
                caughtUpNanos.set(awaitGoalsCurrent("latency-phase backlog", o.settleTimeoutSeconds));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "catch-up");
        catchUp.setDaemon(true);
        catchUp.start();
        prober.join(TimeUnit.SECONDS.toMillis(o.probeTimeoutSeconds + 30));
        // stragglers: every accepted probe gets up to the probe timeout after its acceptance
        for (Probes.Probe p : probes.all()) {
            if (p.acceptedNanos >= 0) {
                Probes.await(p, p.acceptedNanos + TimeUnit.SECONDS.toNanos(o.probeTimeoutSeconds));
            }
        }
        double[] ms = pushMs.stream().mapToDouble(Double::doubleValue).toArray();
        return new LoadResult(measuredOffered, accepted.get(), dropped.get(), failed.get(), seconds, new Percentiles(ms), maxQueued, stopped);
    }

    /** One probe at a time: push, wait for its webhook (or the probe timeout), then the next at the interval. */
    private void probeLoop(long warmEnd, long end) {
        int seq = 0;
        try {
            while (System.nanoTime() < end) {
                seq++;
                long sent = System.nanoTime();
                Probes.Probe p = probes.register(seq, sent < warmEnd, sent);
                String body = "[{\"probe\":\"p\",\"day\":\"" + today + "\",\"amount\":" + p.value() + "}]";
                HttpResponse<String> r = post(probeHttp, PROBE_DATASET, body.getBytes());
                if (r.statusCode() == 200 && Rest.parse(r.body()).path("accepted").asInt() == 1) {
                    p.acceptedNanos = System.nanoTime();
                    if (!Probes.await(p, p.acceptedNanos + TimeUnit.SECONDS.toNanos(o.probeTimeoutSeconds))) {
                        p.timedOut = true;
                    }
                } else {
                    p.failed = true;
                    say("    probe %d: push answered %d %s", seq, r.statusCode(), r.body());
                }
                sleepUntil(sent + TimeUnit.MILLISECONDS.toNanos(o.probeIntervalMillis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            say("    probe thread stopped: %s", e);
        }
    }

    private void reportLatency(LoadResult load, Phase phase, double drainedAfter) {
        List<Probes.Probe> measured = probes.measured();
        double[] ms = measured.stream().filter(Probes.Probe::delivered).mapToDouble(Probes.Probe::latencyMs)
                .toArray();
        long lost = measured.stream().filter(p -> !p.delivered()).count();
        long late = measured.stream().filter(p -> p.timedOut && p.delivered()).count();
        Percentiles l = new Percentiles(ms);
        double achieved = load.accepted / load.seconds;
        say("  load: %,d records due in the measured %d s, %,d accepted = %,.0f records/s (%,d not sent: no client was "
                + "free within 2 s of their slot); push answer p50 %.0f ms, p99 %.0f ms, max %.0f ms; %d failed pushes; "
                + "at most %d batches waited for a client", load.offered, o.durationSeconds, load.accepted, achieved,
                load.dropped, load.pushMs.at(50), load.pushMs.at(99), load.pushMs.max(), load.failedPushes,
                load.maxQueued);
        say("  probes: %d measured (%d warm-up or failed, not counted), %d delivered (%d of them only after the %d s "
                + "probe timeout), %d never delivered; webhook calls %d in all, %d with a bad signature, %d alerts "
                + "matching no probe, %d repeats; goal-pace alerts %d", measured.size(),
                probes.all().size() - measured.size(), ms.length, late, o.probeTimeoutSeconds, lost,
                webhookCalls.get(), badSignatures.get(), probes.unmatched(), probes.duplicates(), paceAlerts.get());
        say("  data-to-alert latency (push accepted → webhook received): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, "
                + "max %.0f ms", l.at(50), l.at(95), l.at(99), l.max());
        List<String> every = probes.all().stream().filter(p -> p.delivered() && p.acceptedNanos >= 0)
                .map(p -> String.format(Locale.ROOT, "#%d%s %.0f ms", p.seq, p.warmup ? " (warm-up)" : "",
                        p.latencyMs())).toList();
        if (!every.isEmpty() && every.size() <= 12) {
            // few probes mean each one waited long: show them all, warm-up ones too
            say("    every delivered probe: %s", String.join(", ", every));
        }
        if (ms.length >= 4) {
            int half = ms.length / 2;
            say("    first half of the probes: p50 %.0f ms; second half: p50 %.0f ms (a rising figure means a "
                    + "growing backlog)", new Percentiles(Arrays.copyOf(ms, half)).at(50),
                    new Percentiles(Arrays.copyOfRange(ms, half, ms.length)).at(50));
        }
        say("  %s", phase.describe());
        say("  goal progress caught up with every record pushed %s", drainedAfter < 0 ? "NOT within the settle timeout"
                : String.format(Locale.ROOT, "%.1f s after the load stopped", drainedAfter));
        summary.add(String.format(Locale.ROOT, "data-to-alert latency at %,.0f records/s (offered %,d/s; %d probes, %d "
                + "never delivered): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms   [target p99 ≤ %,.0f ms at "
                + "%,.0f records/s: %s]", achieved, o.rate, measured.size(), lost, l.at(50), l.at(95), l.at(99),
                l.max(), TARGET_P99_MS, TARGET_LATENCY_RATE,
                latencyVerdict(l, lost, achieved)));
        summary.add(String.format(Locale.ROOT, "   goal progress caught up %s after the load stopped; webhook calls "
                + "%d, bad signatures %d", drainedAfter < 0 ? "NOT" : String.format(Locale.ROOT, "%.1f s",
                        drainedAfter), webhookCalls.get(), badSignatures.get()));
    }

    private String latencyVerdict(Percentiles l, long lost, double achieved) {
        if (l.count() == 0) {
            return "NO DATA";
        }
        List<String> why = new ArrayList<>();
        if (l.at(99) > TARGET_P99_MS) {
            why.add(String.format(Locale.ROOT, "p99 %.1f× the target", l.at(99) / TARGET_P99_MS));
        }
        if (lost > 0) {
            why.add(lost + " probes never delivered");
        }
        if (o.rate < TARGET_LATENCY_RATE || achieved < 0.95 * TARGET_LATENCY_RATE) {
            why.add("the load was below 5,000 records/s");
        }
        return why.isEmpty() ? "MET" : "NOT MET: " + String.join(", ", why);
    }

    // ------------------------------------------------------------------------------------------------ 2. sustained

    private record Sustained(long firstLine, int records, double acceptedSeconds, double valuesSeconds,
            double goalSeconds, Phase phase) {
        double rate() {
            return records / goalSeconds;
        }
    }

    private Sustained sustainedPhase() throws Exception {
        int records = (int) Math.max(o.batch, (long) Math.ceil((double) o.records / o.batch) * o.batch);
        long first = nextLine.getAndAdd(records);
        List<Lines.Batch> batches = new ArrayList<>();
        for (long from = first; from < first + records; from += o.batch) {
            batches.add(lines.batch(from, o.batch));
        }
        BigDecimal revenueBefore;
        synchronized (this) {
            revenueBefore = expectedRevenue;
        }
        BigDecimal wantRevenue = revenueBefore.add(batches.stream().map(Lines.Batch::revenue)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        say("  %,d records in %,d batches serialised beforehand (avg %,d bytes per batch; not timed)", records,
                batches.size(), batches.stream().mapToInt(b -> b.json().length).sum() / batches.size());

        say("  bench JVM: full collection of its own heap before the clock (the serialised batches): %.1f s",
                Machine.collectOwnHeap());
        Phase start = Phase.start(this);
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(o.concurrency);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < o.concurrency; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                        Lines.Batch b = batches.get(i);
                        HttpResponse<String> r = pushOrders(loadHttp, b.json());
                        if (!accepted(r, b.lines())) {
                            throw new IllegalStateException("push answered " + r.statusCode() + ": " + r.body());
                        }
                        added(b);
                    }
                    return null;
                }));
            }
            for (Future<?> c : clients) {
                c.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double acceptedSeconds = (System.nanoTime() - t0) / 1e9;
        say("  ingest-service accepted all %,d records after %.2f s (%,.0f records/s)", records, acceptedSeconds,
                records / acceptedSeconds);
        double valuesAt = -1;
        double goalAt = -1;
        String yearly = "/metrics/" + REVENUE + "/values?grain=YEAR&from=" + today.getYear() + "-01-01&to="
                + (today.getYear() + 1) + "-01-01";
        long deadline = t0 + TimeUnit.SECONDS.toNanos(o.settleTimeoutSeconds);
        long lastReport = System.nanoTime();
        while (goalAt < 0) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException("goal progress not current within " + o.settleTimeoutSeconds
                        + " s: " + goalActuals() + " vs " + expected());
            }
            if (valuesAt < 0 && wantRevenue.compareTo(yearTotal(yearly)) == 0) {
                valuesAt = (System.nanoTime() - t0) / 1e9;
            }
            if (goalsCurrent()) {
                goalAt = (System.nanoTime() - t0) / 1e9;
                if (valuesAt < 0) {
                    valuesAt = goalAt;
                }
            }
            if (now - lastReport > TimeUnit.SECONDS.toNanos(15)) {
                lastReport = now;
                say("    … %.0f s: goal actuals %s, expected %s", (now - t0) / 1e9, goalActuals(), expected());
            }
            Thread.sleep(100);
        }
        Phase phase = start.end(this);
        say("  metric-service's yearly revenue equals the expected sum after %.2f s; both goals' progress after %.2f s",
                valuesAt, goalAt);
        say("  → sustained end-to-end rate: %,.0f records/s", records / goalAt);
        say("  %s", phase.describe());
        return new Sustained(first, records, acceptedSeconds, valuesAt, goalAt, phase);
    }

    // ------------------------------------------------------------------------------------------------ goals current

    private synchronized void added(Lines.Batch b) {
        expectedRevenue = expectedRevenue.add(b.revenue());
        expectedOrders += b.orders();
    }

    private synchronized String expected() {
        return "revenue " + expectedRevenue.toPlainString() + ", orders " + expectedOrders;
    }

    /** True when both goals' actuals equal what every accepted push added. */
    private boolean goalsCurrent() {
        BigDecimal wantRevenue;
        long wantOrders;
        synchronized (this) {
            wantRevenue = expectedRevenue;
            wantOrders = expectedOrders;
        }
        BigDecimal revenue = actual(revenueGoal);
        BigDecimal orders = actual(ordersGoal);
        return revenue != null && orders != null && revenue.compareTo(wantRevenue) == 0
                && orders.compareTo(BigDecimal.valueOf(wantOrders)) == 0;
    }

    private String goalActuals() {
        return "revenue " + actual(revenueGoal) + ", orders " + actual(ordersGoal);
    }

    /** Waits until goal progress is current; returns the instant (nanoTime) it was, or -1 after the timeout. */
    private long awaitGoalsCurrent(String what, int timeoutSeconds) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long lastReport = t0;
        while (System.nanoTime() < deadline) {
            if (goalsCurrent()) {
                return System.nanoTime();
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(15)) {
                lastReport = System.nanoTime();
                say("    … %s: goal actuals %s, expected %s", what, goalActuals(), expected());
            }
            Thread.sleep(100);
        }
        say("  WARNING: %s: goal progress not current after %d s (%s vs %s)", what, timeoutSeconds, goalActuals(),
                expected());
        return -1;
    }

    private BigDecimal actual(String goalId) {
        HttpResponse<String> r = goals.get("/goals/" + goalId + "/progress");
        if (r.statusCode() != 200) {
            return null;
        }
        JsonNode actual = Rest.parse(r.body()).path("measured").path("actual");
        if (actual.isMissingNode() || actual.isNull()) {
            return null;
        }
        return actual.isNumber() ? actual.decimalValue() : new BigDecimal(actual.asText());
    }

    private BigDecimal yearTotal(String path) {
        HttpResponse<String> r = steward.get(path);
        if (r.statusCode() != 200) {
            return BigDecimal.ZERO;
        }
        for (JsonNode v : Rest.parse(r.body()).path("values")) {
            JsonNode value = v.path("value");
            if (!value.isNull() && !value.isMissingNode() && v.path("dimensions").isEmpty()) {
                return value.decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }

    // ------------------------------------------------------------------------------------------------ pushes

    private HttpResponse<String> pushOrders(HttpClient http, byte[] body) throws IOException, InterruptedException {
        return post(http, DATASET, body);
    }

    private HttpResponse<String> post(HttpClient http, String dataset, byte[] body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(bases.get(Svc.INGEST) + "/ingest/" + dataset))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + integrationToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean accepted(HttpResponse<String> r, int lines) {
        if (r.statusCode() != 200) {
            return false;
        }
        JsonNode answer = Rest.parse(r.body());
        return answer.path("accepted").asInt(-1) == lines && answer.path("rejected").asInt(-1) == 0;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private void setUp() throws Exception {
        try (Connection c = DriverManager.getConnection(o.jdbc("postgres"), o.dbUser, o.dbPassword);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + o.database + " with (force)");
            s.execute("create database " + o.database);
        }
        databaseCreated = true;
        pg = DriverManager.getConnection(o.jdbc(o.database), o.dbUser, o.dbPassword);
        say("  database %s created", o.database);

        Path kafkaDir = o.workDir.resolve("kafka");
        deleteTree(kafkaDir);
        broker = KafkaBroker.start(kafkaDir, 0, 0);
        KafkaBrokerMain.createTopics(broker.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, KafkaBrokerMain.PARTITIONS, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        say("  Kafka %s (in this JVM), topics with %d partitions", broker.bootstrapServers(),
                KafkaBrokerMain.PARTITIONS);

        startReceiver();
        Jwt jwt = startServices();
        integrationToken = jwt.token(ISSUER, "bench-erp", List.of("integration"), List.of(), Duration.ofHours(4));
        steward = new Rest(bases.get(Svc.METRIC), jwt.token(ISSUER, "bench-steward", List.of("steward"),
                List.of(DEPARTMENT), Duration.ofHours(4)));
        String admin = jwt.token(ISSUER, "bench-admin", List.of("admin"), List.of(DEPARTMENT), Duration.ofHours(4));
        goals = new Rest(bases.get(Svc.GOAL), admin);
        Rest alerts = new Rest(bases.get(Svc.ALERT), admin);

        defineCatalog();
        defineGoals();
        defineAlerts(alerts);
        awaitIngestKnowsDatasets();
    }

    private Jwt startServices() throws Exception {
        Jwt jwt = new Jwt();
        Path pem = o.workDir.resolve("jwt-public.pem");
        Files.writeString(pem, jwt.publicKeyPem());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PACER_DB_URL", o.jdbc(o.database));
        env.put("PACER_DB_USER", o.dbUser);
        env.put("PACER_DB_PASSWORD", o.dbPassword);
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("PACER_JWT_PUBLIC_KEY_LOCATION", pem.toAbsolutePath().toString());
        env.put("PACER_JWT_ISSUER", ISSUER);
        env.put("PACER_HTTP_HOST", "127.0.0.1");
        env.put("PACER_ALERT_SECRET_KEY", Jwt.randomAesKey());
        env.put("PACER_INGEST_SECRET_KEY", Jwt.randomAesKey());
        Map<Svc, List<String>> jvm = new EnumMap<>(Svc.class);
        for (Svc s : Svc.values()) {
            int port = KafkaBroker.freePort();
            Map<String, String> own = new HashMap<>(env);
            own.put(s.portVariable, String.valueOf(port));
            bases.put(s, "http://127.0.0.1:" + port);
            jvm.put(s, javaOptions(s));
            services.put(s, ServiceProcess.start(s.module, o.apps.get(s), jvm.get(s), own,
                    o.workDir.resolve(s.module + ".log"), o.workDir.resolve(s.module + ".pid")));
        }
        long t = System.nanoTime();
        for (Svc s : Svc.values()) {
            services.get(s).awaitReady(bases.get(s), Duration.ofMinutes(4));
        }
        say("  4 services ready after %.0f s: %s", (System.nanoTime() - t) / 1e9,
                String.join(", ", Arrays.stream(Svc.values()).map(s -> s.module + " " + bases.get(s) + " pid "
                        + services.get(s).pid() + " (" + String.join(" ", jvm.get(s)) + ")").toList()));
        return jwt;
    }

    private void defineCatalog() throws InterruptedException {
        Map<String, Object> orders = new LinkedHashMap<>();
        orders.put("name", "Bench order lines");
        orders.put("description", "Synthetic ERP order lines for the whole-pipeline benchmark");
        orders.put("fields", List.of(field("order_id", "INTEGER"), field("product_id", "INTEGER"),
                field("customer_id", "STRING"), field("order_date", "DATE"), field("ship_country", "STRING"),
                field("unit_price", "DECIMAL"), field("quantity", "INTEGER"), field("discount", "DECIMAL")));
        orders.put("primaryKey", List.of("order_id", "product_id"));
        orders.put("eventTimeField", "order_date");
        orders.put("ownerDepartment", DEPARTMENT);
        orders.put("sourceSystem", "bench-erp");
        steward.create("/datasets", Map.of("key", DATASET, "definition", orders));
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("name", "Bench probe");
        probe.put("description", "One record, pushed again and again, whose amount crosses a threshold");
        probe.put("fields", List.of(field("probe", "STRING"), field("day", "DATE"), field("amount", "DECIMAL")));
        probe.put("primaryKey", List.of("probe"));
        probe.put("eventTimeField", "day");
        probe.put("ownerDepartment", DEPARTMENT);
        probe.put("sourceSystem", "bench-probe");
        steward.create("/datasets", Map.of("key", PROBE_DATASET, "definition", probe));

        Map<String, Object> revenue = metric("Revenue", "USD", DATASET);
        revenue.put("aggregation", "SUM");
        revenue.put("expression", "unit_price * quantity * (1 - discount)");
        revenue.put("dimensions", List.of("ship_country"));
        revenue.put("rounding", Map.of("scale", 2, "mode", "HALF_UP"));
        steward.create("/metrics", Map.of("key", REVENUE, "definition", revenue));
        Map<String, Object> count = metric("Orders", "orders", DATASET);
        count.put("aggregation", "COUNT_DISTINCT");
        count.put("expression", "order_id");
        count.put("rounding", Map.of("scale", 0, "mode", "HALF_UP"));
        steward.create("/metrics", Map.of("key", ORDERS, "definition", count));
        Map<String, Object> p = metric("Probe value", "units", PROBE_DATASET);
        p.put("aggregation", "SUM");
        p.put("expression", "amount");
        p.put("rounding", Map.of("scale", 0, "mode", "HALF_UP"));
        steward.create("/metrics", Map.of("key", PROBE_METRIC, "definition", p));
        for (String key : List.of(REVENUE, ORDERS, PROBE_METRIC)) {
            certify(key);
        }
        say("  metric-service: datasets %s and %s; certified metrics %s (SUM of unit_price * quantity * "
                + "(1 - discount)), %s (COUNT_DISTINCT order_id), %s (SUM of amount)", DATASET, PROBE_DATASET, REVENUE,
                ORDERS, PROBE_METRIC);
    }

    private void certify(String key) {
        HttpResponse<String> m = steward.get("/metrics/" + key);
        String etag = m.headers().firstValue("ETag").orElseThrow(() ->
                new IllegalStateException("GET /metrics/" + key + " has no ETag: " + m.statusCode() + " " + m.body()));
        HttpResponse<String> r = steward.post("/metrics/" + key + "/lifecycle",
                Map.of("status", "CERTIFIED", "reason", "Benchmark metric"), Map.of("If-Match", etag));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("certifying " + key + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static Map<String, Object> field(String name, String type) {
        return Map.of("name", name, "type", type, "required", true);
    }

    private static Map<String, Object> metric(String name, String unit, String dataset) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("description", name + " of the bench data");
        d.put("unit", unit);
        d.put("direction", "HIGHER_IS_BETTER");
        d.put("ownerDepartment", DEPARTMENT);
        d.put("steward", "bench");
        d.put("kind", "SIMPLE");
        d.put("dataset", dataset);
        return d;
    }

    private void defineGoals() throws InterruptedException {
        String period = "FY" + today.getYear();
        String top = createGoal(goal("Bench growth " + period, null, null)
                .with("description", "The benchmark's annual objective"));
        revenueGoal = createGoal(goal("Bench revenue", top, 50).with("description", "Revenue of the year's orders")
                .with("window", Map.of("fromQuarter", "Q1", "toQuarter", "Q4"))
                .with("measure", Map.of("metricKey", REVENUE, "filter", Map.of(), "aggregation", "TOTAL"))
                .with("baseline", 0).with("baseTarget", 1_000_000_000_000L).with("challengeTarget", 1_200_000_000_000L)
                .with("plan", Map.of("type", "LINEAR")));
        ordersGoal = createGoal(goal("Bench orders", top, 50).with("description", "Orders of the year")
                .with("window", Map.of("fromQuarter", "Q1", "toQuarter", "Q4"))
                .with("measure", Map.of("metricKey", ORDERS, "filter", Map.of(), "aggregation", "TOTAL"))
                .with("baseline", 0).with("baseTarget", 100_000_000L).with("challengeTarget", 120_000_000L)
                .with("plan", Map.of("type", "LINEAR")));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        for (String id : List.of(revenueGoal, ordersGoal, top)) {
            while (true) {
                // goal-service learns the metrics' certification from pacer.catalog: activation may need a moment
                HttpResponse<String> r = goals.post("/goals/" + id + "/activate", Map.of());
                if (r.statusCode() == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("activating goal " + id + " answered " + r.statusCode() + ": "
                            + r.body());
                }
                Thread.sleep(500);
            }
        }
        say("  goal-service: %s goal tree activated — objective → revenue goal (%s TOTAL) and orders goal (%s TOTAL), "
                + "Q1–Q4", period, REVENUE, ORDERS);
    }

    private static final class GoalBody extends HashMap<String, Object> {
        GoalBody with(String field, Object value) {
            put(field, value);
            return this;
        }
    }

    private GoalBody goal(String title, String parent, Integer weight) {
        GoalBody body = new GoalBody();
        body.put("title", title);
        body.put("ownerDepartment", DEPARTMENT);
        body.put("ownerPerson", "bench-owner");
        body.put("period", "FY" + today.getYear());
        if (parent != null) {
            body.put("parentId", parent);
        }
        if (weight != null) {
            body.put("weight", weight);
        }
        return body;
    }

    private String createGoal(Map<String, Object> body) {
        return goals.create("/goals", body).body().transform(Rest::parse).path("id").asText();
    }

    private void defineAlerts(Rest alerts) {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("name", "bench receiver");
        channel.put("url", url);
        channel.put("secret", secret);
        channel.put("departments", List.of(DEPARTMENT));
        channel.put("severities", List.of("CRITICAL"));
        channel.put("groupWait", "PT0S");
        channel.put("groupInterval", "PT0S");
        channel.put("repeatInterval", "PT24H");
        alerts.create("/channels", channel);
        Map<String, Object> threshold = new LinkedHashMap<>();
        threshold.put("name", PROBE_RULE);
        threshold.put("kind", "METRIC_THRESHOLD");
        threshold.put("parameters", Map.of("comparison", "ABOVE", "limit", Probes.LIMIT, "grain", "DAY",
                "dimensions", Map.of()));
        threshold.put("scope", Map.of("type", "METRIC", "key", PROBE_METRIC));
        threshold.put("departments", List.of(DEPARTMENT));
        threshold.put("severity", "CRITICAL");
        threshold.put("pendingFor", "PT0S");
        threshold.put("keepFiringFor", "PT0S");
        alerts.create("/rules", threshold);
        alerts.create("/rules", Map.of("name", PACE_RULE, "kind", "GOAL_PACE",
                "parameters", Map.of("worseThan", "AT_RISK"), "scope", Map.of("type", "GOAL", "key", revenueGoal),
                "departments", List.of(DEPARTMENT), "severity", "CRITICAL", "pendingFor", "PT0S"));
        say("  alert-service: webhook channel → %s (HMAC-signed, group wait/interval 0); rule %s: DAY value of %s "
                + "above %,d (pending 0, keep-firing 0); rule %s: revenue goal worse than AT_RISK", url, PROBE_RULE,
                PROBE_METRIC, Probes.LIMIT, PACE_RULE);
    }

    /** ingest-service learns datasets from pacer.catalog: push until both are accepted (404 until then). */
    private void awaitIngestKnowsDatasets() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        byte[] zero = ("[{\"probe\":\"p\",\"day\":\"" + today + "\",\"amount\":0}]").getBytes();
        while (post(probeHttp, PROBE_DATASET, zero).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ingest-service did not learn " + PROBE_DATASET);
            }
            Thread.sleep(200);
        }
        long from = nextLine.getAndAdd(Lines.LINES_PER_ORDER);
        Lines.Batch first = lines.batch(from, Lines.LINES_PER_ORDER);
        while (true) {
            HttpResponse<String> r = pushOrders(probeHttp, first.json());
            if (accepted(r, first.lines())) {
                added(first);
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ingest-service did not learn " + DATASET + ": " + r.statusCode() + " "
                        + r.body());
            }
            Thread.sleep(200);
        }
        if (awaitGoalsCurrent("first order", 180) < 0) {
            throw new IllegalStateException("the first order never reached goal progress");
        }
        say("  ingest-service accepts both datasets; the first order reached goal progress");
    }

    // ------------------------------------------------------------------------------------------------ receiver

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiverThreads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        });
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/hook", exchange -> {
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                long arrived = System.nanoTime();
                webhookCalls.incrementAndGet();
                if (!WebhookSignature.valid(secret, exchange.getRequestHeaders().getFirst("X-Pacer-Signature"), body,
                        Instant.now(), Duration.ofMinutes(5))) {
                    badSignatures.incrementAndGet();
                } else {
                    for (JsonNode alert : Rest.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8))
                            .path("alerts")) {
                        String rule = alert.path("ruleName").asText();
                        if (PROBE_RULE.equals(rule)) {
                            JsonNode value = alert.path("evidence").path("value");
                            probes.onAlert(alert.path("state").asText(),
                                    value.isNumber() ? value.decimalValue() : null, arrived);
                        } else if (PACE_RULE.equals(rule)) {
                            paceAlerts.incrementAndGet();
                        }
                    }
                }
                exchange.sendResponseHeaders(204, -1);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
    }

    // ------------------------------------------------------------------------------------------------ readings

    /** CPU of each service, of this JVM and of the database's backends, and the machine's busy share, over a phase. */
    private static final class Phase {
        final long nanos;
        final Map<Svc, Double> cpu = new EnumMap<>(Svc.class);
        /** Per service: CPU seconds by thread kind at a start; the JIT compiler's CPU seconds in a difference. */
        final Map<Svc, Map<String, Double>> threads = new EnumMap<>(Svc.class);
        final Map<Svc, Double> jit = new EnumMap<>(Svc.class);
        /** In a difference: per service, the thread kinds that used the most CPU ("executor-thread 3.1 s (17%), …"). */
        final Map<Svc, String> byThread = new EnumMap<>(Svc.class);
        final Map<Long, Double> backends = new HashMap<>();
        /** The bench JVM's own CPU seconds by thread kind at a start; in a difference, its largest kinds. */
        Map<String, Double> ownThreads = Map.of();
        String ownByThread = "";
        final Machine.Snapshot machine;
        double self;
        double postgres;
        double busy;
        double seconds;

        private Phase(long nanos, Machine.Snapshot machine) {
            this.nanos = nanos;
            this.machine = machine;
        }

        static Phase start(PipelineBench b) {
            Phase p = new Phase(System.nanoTime(), Machine.snapshot());
            for (Svc s : Svc.values()) {
                p.cpu.put(s, Machine.cpuSeconds(b.services.get(s).pid()));
                p.threads.put(s, ThreadCpu.snapshot(b.services.get(s).pid()));
            }
            p.self = Machine.cpuSeconds(ProcessHandle.current().pid());
            p.ownThreads = ThreadCpu.snapshot(ProcessHandle.current().pid());
            b.backendPids().forEach(pid -> p.backends.put(pid, Machine.cpuSeconds(pid)));
            return p;
        }

        /** The differences since this start. */
        Phase end(PipelineBench b) {
            Phase now = start(b);
            Phase d = new Phase(now.nanos, now.machine);
            d.seconds = (now.nanos - nanos) / 1e9;
            for (Svc s : Svc.values()) {
                d.cpu.put(s, now.cpu.get(s) - cpu.get(s));
                d.jit.put(s, ThreadCpu.jit(threads.get(s), now.threads.get(s)));
                d.byThread.put(s, ThreadCpu.between(threads.get(s), now.threads.get(s), 6));
            }
            d.self = now.self - self;
            d.ownByThread = ThreadCpu.between(ownThreads, now.ownThreads, 6);
            double pgCpu = 0;
            for (var e : now.backends.entrySet()) {
                pgCpu += e.getValue() - backends.getOrDefault(e.getKey(), 0.0);
            }
            d.postgres = pgCpu;
            d.busy = Machine.busyPercent(machine, now.machine);
            return d;
        }

        double cpu(Svc s) {
            return cpu.get(s);
        }

        String describe() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "CPU over %.0f s:", seconds));
            for (Svc s : Svc.values()) {
                sb.append(String.format(Locale.ROOT, " %s %.1f s,", s.module, cpu.get(s)));
            }
            sb.append(String.format(Locale.ROOT, " PostgreSQL backends %.1f s, bench JVM (load, broker, receiver) "
                    + "%.1f s; machine %.0f%% busy (all users)", postgres, self, busy));
            for (Svc s : Svc.values()) {
                sb.append(String.format(Locale.ROOT, "%n    %s by thread: %s", s.module, byThread.get(s)));
            }
            sb.append(String.format(Locale.ROOT, "%n    bench JVM by thread: %s", ownByThread));
            return sb.toString();
        }
    }

    private List<Long> backendPids() {
        List<Long> pids = new ArrayList<>();
        try (Statement s = pg.createStatement(); ResultSet rs = s.executeQuery("select pid from pg_stat_activity "
                + "where datname = '" + o.database + "' and pid <> pg_backend_pid()")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            // none known
        }
        return pids;
    }

    // ------------------------------------------------------------------------------------------------ clean-up

    private synchronized void cleanup() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        services.values().parallelStream().forEach(s -> {
            try {
                s.close();
            } catch (RuntimeException e) {
                System.err.println("clean-up: " + e);
            }
        });
        for (Svc s : services.keySet()) {
            try {
                Files.deleteIfExists(o.workDir.resolve(s.module + ".pid"));
            } catch (IOException e) {
                // run.sh checks the pid against the command line anyway
            }
        }
        if (receiver != null) {
            receiver.stop(0);
            receiverThreads.shutdownNow();
        }
        if (broker != null) {
            try {
                broker.close();
                deleteTree(o.workDir.resolve("kafka"));
            } catch (Exception e) {
                System.err.println("clean-up: " + e);
            }
        }
        try {
            if (pg != null) {
                pg.close();
            }
        } catch (SQLException e) {
            // closing anyway
        }
        if (databaseCreated && !o.keepDatabase) {
            try (Connection c = DriverManager.getConnection(o.jdbc("postgres"), o.dbUser, o.dbPassword);
                    Statement s = c.createStatement()) {
                s.execute("drop database if exists " + o.database + " with (force)");
                System.out.println("(cleaned up: services stopped, broker stopped, database " + o.database
                        + " dropped)");
            } catch (SQLException e) {
                System.err.println("clean-up: could not drop " + o.database + ": " + e.getMessage());
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    // ------------------------------------------------------------------------------------------------ options

    /**
     * A service's JVM options: its own (--java-opts:MODULE), else everyone's (--service-java-opts), else its image's
     * garbage collector and sizing policy (its {@code Dockerfile.jvm}, as bench/metric reads metric-service's) with a
     * 1 GB heap — the service as shipped.
     */
    private List<String> javaOptions(Svc s) {
        if (o.ownJavaOpts.containsKey(s.module)) {
            return words(o.ownJavaOpts.get(s.module));
        }
        if (o.serviceJavaOpts != null) {
            return words(o.serviceJavaOpts);
        }
        List<String> image = new ArrayList<>(ImageJvm.gcOptions(Path.of(s.module, "src/main/docker/Dockerfile.jvm")));
        image.add("-Xmx1g");
        return image;
    }

    /** JVM options as words (blank for none). */
    private static List<String> words(String options) {
        List<String> out = new ArrayList<>(Arrays.asList(options.trim().split("\\s+")));
        out.removeIf(String::isBlank);
        return out;
    }

    static final class Options {
        int rate = 5_000;
        int durationSeconds = 60;
        int warmupSeconds = 45;
        int records = 200_000;
        int days = 7;
        int batch = 1_000;
        int concurrency = 4;
        int loadClients = 4;
        long probeIntervalMillis = 1_500;
        int probeTimeoutSeconds = 120;
        int settleTimeoutSeconds = 900;
        int maxMinutes = 45;
        boolean quick;
        boolean keepDatabase;
        String database = "pacer_bench_pipeline";
        /** Every service's JVM options; null: each its image's collector and sizing with -Xmx1g ({@link #javaOptions}). */
        String serviceJavaOpts;
        /** A service's own JVM options, by module, when they should differ from the others' (experiments). */
        final Map<String, String> ownJavaOpts = new HashMap<>();
        Path workDir = Path.of("bench/pipeline/target/run");
        Path lib = Path.of("bench/pipeline/target/lib");
        final Map<Svc, Path> apps = new EnumMap<>(Svc.class);
        String dbHost = env("PACER_DB_HOST", "127.0.0.1");
        String dbPort = env("PACER_DB_PORT", "5432");
        String dbUser = env("PACER_DB_USER", "postgres");
        String dbPassword = env("PACER_DB_PASSWORD", "");

        String jdbc(String db) {
            return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + db;
        }

        /** Null after --help. */
        static Options parse(String[] args) {
            Options o = new Options();
            if (Arrays.asList(args).contains("--quick")) {
                o.quick = true;
                o.durationSeconds = 30;
                o.warmupSeconds = 30;
                o.records = 50_000;
            }
            for (String arg : args) {
                if (arg.equals("-h") || arg.equals("--help")) {
                    System.out.println("""
                            bench/pipeline/run.sh [options]
                              --rate=N              records/s pushed during the latency measurement (5000)
                              --duration=T          measured time of the latency phase, e.g. 60s, 2m (60s)
                              --warmup=T            load and probes before it, not counted (45s)
                              --probe-interval=T    one probe at most every T, and never before the previous one
                                                    was delivered or timed out (1500ms)
                              --probe-timeout=T     how long a probe waits for its webhook before the next probe
                                                    goes out anyway (120s)
                              --records=N           records of the sustained end-to-end run (200000)
                              --concurrency=N       pushes in flight in the sustained run (4)
                              --load-clients=N      HTTP clients sending the steady load (4)
                              --batch=N             records per push (1000; a multiple of 4)
                              --days=N              order lines are dated over today and the N-1 days before it,
                                                    within this year (7: a live feed; 365: a backfill of the year)
                              --quick               a short run: --duration=30s --warmup=30s --records=50000
                              --settle-timeout=T    how long to wait for goal progress to catch up (900s)
                              --service-java-opts="..."  JVM options of each service (default: each its image's
                                                    collector and sizing, GC_* of its Dockerfile.jvm, and -Xmx1g;
                                                    "-Xmx1g -XX:TieredStopAtLevel=1" runs them as ./pacer up does)
                              --java-opts:MODULE="..."  one service's, when they should differ from the others'
                                                    (e.g. --java-opts:metric-service="-Xmx1g")
                              --database=NAME       database made and dropped for the services (pacer_bench_pipeline)
                              --keep-database       do not drop it at the end
                              --max-minutes=M       the whole run (45)
                            Environment: PACER_DB_HOST, PACER_DB_PORT, PACER_DB_USER, PACER_DB_PASSWORD;
                            BENCH_TIMEOUT bounds run.sh (default 60m).""");
                    return null;
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown argument " + arg + " (see --help)");
                }
                String name = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.substring(2);
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "true";
                if (name.startsWith("java-opts:")) {
                    o.ownJavaOpts.put(name.substring("java-opts:".length()), value);
                    continue;
                }
                switch (name) {
                    case "rate" -> o.rate = number(value);
                    case "duration" -> o.durationSeconds = (int) (millis(value) / 1000);
                    case "warmup" -> o.warmupSeconds = (int) (millis(value) / 1000);
                    case "probe-interval" -> o.probeIntervalMillis = millis(value);
                    case "probe-timeout" -> o.probeTimeoutSeconds = (int) (millis(value) / 1000);
                    case "records" -> o.records = number(value);
                    case "days" -> o.days = number(value);
                    case "concurrency" -> o.concurrency = number(value);
                    case "load-clients" -> o.loadClients = number(value);
                    case "batch" -> o.batch = number(value);
                    case "quick" -> o.quick = Boolean.parseBoolean(value);
                    case "settle-timeout" -> o.settleTimeoutSeconds = (int) (millis(value) / 1000);
                    case "service-java-opts" -> o.serviceJavaOpts = value;
                    case "database" -> o.database = value;
                    case "keep-database" -> o.keepDatabase = Boolean.parseBoolean(value);
                    case "max-minutes" -> o.maxMinutes = number(value);
                    case "work-dir" -> o.workDir = Path.of(value);
                    case "lib" -> o.lib = Path.of(value);
                    case "ingest-app" -> o.apps.put(Svc.INGEST, Path.of(value));
                    case "metric-app" -> o.apps.put(Svc.METRIC, Path.of(value));
                    case "goal-app" -> o.apps.put(Svc.GOAL, Path.of(value));
                    case "alert-app" -> o.apps.put(Svc.ALERT, Path.of(value));
                    default -> throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
                }
            }
            for (Svc s : Svc.values()) {
                if (!o.apps.containsKey(s)) {
                    throw new IllegalArgumentException("--" + s.module.replace("-service", "") + "-app=<quarkus-run.jar>"
                            + " is required (run.sh passes it)");
                }
            }
            for (String module : o.ownJavaOpts.keySet()) {
                if (Arrays.stream(Svc.values()).noneMatch(s -> s.module.equals(module))) {
                    throw new IllegalArgumentException("--java-opts:" + module + ": no such service (one of "
                            + Arrays.stream(Svc.values()).map(s -> s.module).toList() + ")");
                }
            }
            if (!o.database.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("--database must be a plain lower-case name");
            }
            if (o.rate < 1 || o.days < 1 || o.batch < 4 || o.batch % Lines.LINES_PER_ORDER != 0 || o.records < 1
                    || o.concurrency < 1 || o.loadClients < 1 || o.durationSeconds < 1 || o.probeIntervalMillis < 1) {
                throw new IllegalArgumentException("need positive --rate, --records, --duration, --concurrency, "
                        + "--load-clients, --probe-interval and a --batch that is a multiple of 4");
            }
            return o;
        }

        private static int number(String value) {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        }

        /** "60s", "2m", "1500ms" or plain seconds, in milliseconds. */
        static long millis(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.endsWith("ms")) {
                return Long.parseLong(v.substring(0, v.length() - 2));
            }
            if (v.endsWith("m")) {
                return Long.parseLong(v.substring(0, v.length() - 1)) * 60_000;
            }
            if (v.endsWith("s")) {
                return Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000);
            }
            return Math.round(Double.parseDouble(v) * 1000);
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }
}
