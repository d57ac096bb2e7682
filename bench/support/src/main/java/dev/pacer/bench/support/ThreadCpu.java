package dev.pacer.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU seconds of a process's threads from {@code /proc/PID/task/}, summed by kind (the thread name without its
 * number: "executor-thread", "C2 CompilerThread", "G1 Conc#", …): where a service's CPU went during a phase, JIT and
 * GC included, which a sampling profiler does not show.
 */
public final class ThreadCpu {
    /** USER_HZ of /proc, 100 on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ThreadCpu() {
    }

    /** CPU seconds by thread kind now; empty when /proc cannot be read. */
    public static Map<String, Double> snapshot(long pid) {
        Map<String, Double> byKind = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                    byKind.merge(kind(name), seconds, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return byKind;
    }

    /** The kinds that used the most CPU between two snapshots, largest first, as "kind 1.2 s (34%)". */
    public static String between(Map<String, Double> before, Map<String, Double> after, int top) {
        Map<String, Double> used = used(before, after);
        double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Map.Entry<String, Double>> sorted = used.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top).toList();
        return sorted.stream().map(e -> String.format("%s %.1f s (%.0f%%)", e.getKey(), e.getValue(),
                total <= 0 ? 0 : e.getValue() / total * 100)).collect(Collectors.joining(", "));
    }

    /** CPU seconds the JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…") used between two snapshots. */
    public static double jit(Map<String, Double> before, Map<String, Double> after) {
        return used(before, after).entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** CPU seconds of all threads between two snapshots. */
    public static double total(Map<String, Double> before, Map<String, Double> after) {
        return used(before, after).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** CPU seconds by kind used between two snapshots. */
    private static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((k, v) -> used.put(k, v - before.getOrDefault(k, 0.0)));
        return used;
    }

    /** The kind of a thread: its name (as /proc truncates it to 15 characters) without trailing digits. */
    public static String kind(String name) {
        String k = name.replaceAll("[-#\\s]*\\d+$", "").trim();
        return k.isEmpty() ? name : k;
    }
}
