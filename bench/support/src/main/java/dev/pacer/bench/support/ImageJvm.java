package dev.pacer.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The garbage collector a service's container image runs it with, read from its {@code Dockerfile.jvm}, so a bench
 * measures the service as it is shipped. The base image's {@code run-java.sh} turns these variables into JVM options:
 * {@code GC_CONTAINER_OPTIONS} (the collector, verbatim), {@code GC_MIN_HEAP_FREE_RATIO}, {@code GC_MAX_HEAP_FREE_RATIO},
 * {@code GC_TIME_RATIO} and {@code GC_ADAPTIVE_SIZE_POLICY_WEIGHT}. The heap size is not among them: in a pod it is a
 * share of the memory limit ({@code JAVA_MAX_MEM_RATIO}), which a bench outside a pod sets itself.
 */
public final class ImageJvm {
    /** The collector (verbatim), then each numeric variable's option, in run-java.sh's order. */
    private static final String COLLECTOR = "GC_CONTAINER_OPTIONS";
    private static final Map<String, String> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("GC_MIN_HEAP_FREE_RATIO", "-XX:MinHeapFreeRatio=");
        FLAGS.put("GC_MAX_HEAP_FREE_RATIO", "-XX:MaxHeapFreeRatio=");
        FLAGS.put("GC_TIME_RATIO", "-XX:GCTimeRatio=");
        FLAGS.put("GC_ADAPTIVE_SIZE_POLICY_WEIGHT", "-XX:AdaptiveSizePolicyWeight=");
    }

    private ImageJvm() {
    }

    /** The GC options of the image the Dockerfile builds; empty when it sets none of the variables. */
    public static List<String> gcOptions(Path dockerfile) {
        try {
            return gcOptions(Files.readString(dockerfile));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dockerfile, e);
        }
    }

    static List<String> gcOptions(String dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : dockerfile.split("\\R")) {
            String trimmed = line.trim();
            if (!trimmed.regionMatches(true, 0, "ENV ", 0, 4)) {
                continue;
            }
            String rest = trimmed.substring(4).trim();
            int eq = rest.indexOf('=');
            String name = eq > 0 ? rest.substring(0, eq) : "";
            if (name.equals(COLLECTOR) || FLAGS.containsKey(name)) {
                env.put(name, unquote(rest.substring(eq + 1).trim()));
            }
        }
        List<String> out = new ArrayList<>();
        String collector = env.getOrDefault(COLLECTOR, "").trim();
        if (!collector.isEmpty()) {
            out.addAll(List.of(collector.split("\\s+")));
        }
        FLAGS.forEach((name, flag) -> {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return;
            }
            if (!value.matches("\\d+")) {
                throw new IllegalArgumentException(name + " is not a number in the Dockerfile: '" + value + "'");
            }
            out.add(flag + value);
        });
        return out;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
