package dev.pacer.bench.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The producer settings ingest-service publishes pushed records with, as it logs them when it creates its producer
 * ({@code Push producer settings: acks=all enable.idempotence=true linger.ms=… batch.size=… compression.type=…}): what
 * the raw producer is run with for a like-for-like baseline.
 */
final class PushProducerSettings {
    /** The text that starts the settings in the service's log line. */
    static final String MARKER = "Push producer settings:";
    /** The settings that shape throughput and durability; others in the line (timeouts, client id) are not taken. */
    private static final List<String> TAKEN = List.of("acks", "enable.idempotence",
            "max.in.flight.requests.per.connection", "linger.ms", "batch.size", "compression.type", "buffer.memory",
            "max.request.size");

    private PushProducerSettings() {
    }

    /** The settings of the last such line of {@code log}, in {@link #TAKEN} order; empty when there is none. */
    static Map<String, String> fromLog(Path log) throws IOException {
        String line = null;
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (l.contains(MARKER)) {
                line = l;
            }
        }
        Map<String, String> all = new LinkedHashMap<>();
        if (line == null) {
            return all;
        }
        for (String word : line.substring(line.indexOf(MARKER) + MARKER.length()).trim().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                all.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        Map<String, String> taken = new LinkedHashMap<>();
        for (String name : TAKEN) {
            if (all.containsKey(name)) {
                taken.put(name, all.get(name));
            }
        }
        return taken;
    }

    /** {@code name=value} pairs, space-separated. */
    static String describe(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
