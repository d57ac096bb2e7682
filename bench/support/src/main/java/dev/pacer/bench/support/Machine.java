package dev.pacer.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the machine and the processes of a run are, from /proc (Linux), so every figure a benchmark prints comes
 * with the conditions it was measured under.
 */
public final class Machine {
    /** USER_HZ on Linux. */
    public static final double TICKS_PER_SECOND = 100.0;

    private Machine() {
    }

    /** A moment's CPU counters: the whole machine's busy and total ticks. */
    public record Snapshot(long nanos, long busy, long total) {
    }

    public static Snapshot snapshot() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new Snapshot(System.nanoTime(), total - idle, total);
        } catch (IOException | RuntimeException e) {
            return new Snapshot(System.nanoTime(), 0, 0);
        }
    }

    /** Share of the machine's CPU time that was busy between two snapshots (all users), in percent. */
    public static double busyPercent(Snapshot a, Snapshot b) {
        return b.total() == a.total() ? 0 : 100.0 * (b.busy() - a.busy()) / (b.total() - a.total());
    }

    /** CPU seconds (user + system) a process has used so far, or 0 when unknown. */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Resident memory of a process in MiB (VmRSS), or -1 when unknown. */
    public static long residentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    /** Resident memory of a process now (VmRSS) and at its peak so far (VmHWM), in MiB; -1 when unknown. */
    public record Memory(long residentMiB, long peakMiB) {
    }

    public static Memory memory(long pid) {
        long rss = -1;
        long hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return new Memory(rss, hwm);
    }

    /**
     * A full collection of the bench JVM's own heap, to run after a load was built beforehand and before its clock
     * starts: hundreds of MB of freshly serialised records sit in the young generation then, and the bench's collector
     * would otherwise copy and promote them inside the measured window, taking CPU from the services on the same cores
     * (bench/metric's apply phase: 4.5 s of its JVM's 17 s went to that). Returns the seconds it took.
     */
    public static double collectOwnHeap() {
        long t = System.nanoTime();
        System.gc();
        return (System.nanoTime() - t) / 1e9;
    }

    /** The 1-, 5- and 15-minute load averages as /proc/loadavg prints them, or "?". */
    public static String loadAverages() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The 1-minute load average, or -1. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
