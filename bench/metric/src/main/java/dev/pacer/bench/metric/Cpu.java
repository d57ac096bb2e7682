package dev.pacer.bench.metric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the processes involved, from /proc (Linux): the service JVM, this JVM (generator, producer and the
 * in-JVM Kafka broker), the PostgreSQL backends connected to the bench database, and the whole machine (which on a
 * shared machine includes other people's work).
 */
final class Cpu {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    record Snapshot(long nanos, long service, long self, Map<Long, Long> backends, long machineBusy, long machineTotal) {
    }

    private final long servicePid;
    private final String database;

    Cpu(long servicePid, String database) {
        this.servicePid = servicePid;
        this.database = database;
    }

    Snapshot snapshot(Connection admin) {
        Map<Long, Long> backends = new HashMap<>();
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(
                "select pid from pg_stat_activity where datname = '" + database + "' and pid <> pg_backend_pid()")) {
            while (rs.next()) {
                long pid = rs.getLong(1);
                backends.put(pid, ticks(pid));
            }
        } catch (SQLException e) {
            // leave it empty
        }
        long[] machine = machine();
        return new Snapshot(System.nanoTime(), ticks(servicePid), ticks(ProcessHandle.current().pid()), backends,
                machine[0], machine[1]);
    }

    static String describe(Snapshot a, Snapshot b) {
        double wall = (b.nanos() - a.nanos()) / 1e9;
        double service = (b.service() - a.service()) / TICKS_PER_SECOND;
        double self = (b.self() - a.self()) / TICKS_PER_SECOND;
        long pgTicks = 0;
        for (var e : b.backends().entrySet()) {
            pgTicks += e.getValue() - a.backends().getOrDefault(e.getKey(), 0L);
        }
        double pg = pgTicks / TICKS_PER_SECOND;
        double busy = b.machineTotal() == a.machineTotal() ? 0
                : 100.0 * (b.machineBusy() - a.machineBusy()) / (b.machineTotal() - a.machineTotal());
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format("CPU over %.1f s wall: metric-service %.1f s, PostgreSQL backends of the bench db %.1f s, "
                + "bench JVM (generator+producer+Kafka broker) %.1f s; machine %.0f%% busy of %d cores (all users)",
                wall, service, pg, self, busy, cores);
    }

    /** Share of the machine's CPU time that was busy between the snapshots (all users), in percent. */
    static double machineBusy(Snapshot a, Snapshot b) {
        return b.machineTotal() == a.machineTotal() ? 0
                : 100.0 * (b.machineBusy() - a.machineBusy()) / (b.machineTotal() - a.machineTotal());
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
