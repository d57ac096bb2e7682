package dev.pacer.bench.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} (kafka-tools of the broker's version, copied to the
 * bench's {@code target/lib}), run as its own process against a broker: the raw producer rate a Pacer figure is
 * compared with.
 */
public final class ProducerPerformance {
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency, "
                    + "([0-9.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    /** The rate (records/s) and the tool's summary line as printed. */
    public record Result(double rate, String line) {
    }

    private ProducerPerformance() {
    }

    /**
     * Sends {@code records} records of {@code recordSize} bytes to {@code topic}, acks=all, unthrottled; its output
     * goes to {@code log}.
     */
    public static Result run(Path lib, String bootstrapServers, String topic, int records, int recordSize, Path log)
            throws Exception {
        return run(lib, bootstrapServers, topic, records, List.of("--record-size", String.valueOf(recordSize)),
                Map.of("acks", "all"), log);
    }

    /**
     * Sends {@code records} records to {@code topic}, unthrottled, with the producer settings {@code producerProps}
     * (Kafka's defaults for whatever they leave out; {@code bootstrap.servers} is added) and the payloads of
     * {@code payloadFile} (one record value per line, each send picks one at random); its output goes to {@code log}.
     */
    public static Result run(Path lib, String bootstrapServers, String topic, int records, Path payloadFile,
            Map<String, String> producerProps, Path log) throws Exception {
        return run(lib, bootstrapServers, topic, records, List.of("--payload-file", payloadFile.toString()),
                producerProps, log);
    }

    private static Result run(Path lib, String bootstrapServers, String topic, int records, List<String> payload,
            Map<String, String> producerProps, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", lib.toString() + "/*", "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", String.valueOf(records)));
        cmd.addAll(payload);
        cmd.addAll(List.of("--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrapServers));
        producerProps.forEach((k, v) -> cmd.add(k + "=" + v));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("ProducerPerformance did not finish; see " + log);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Matcher m = SUMMARY.matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        if (last == null) {
            throw new IllegalStateException("no ProducerPerformance summary in " + log + ":\n" + out);
        }
        Matcher summary = SUMMARY.matcher(last);
        summary.matches();
        return new Result(Double.parseDouble(summary.group(2)), last);
    }
}
