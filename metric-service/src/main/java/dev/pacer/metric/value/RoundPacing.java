package dev.pacer.metric.value;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a dataset's next refresh round may start (in this replica). A round that took {@code T} makes its dataset rest
 * for {@code T}, at least {@link #MIN_REST_NANOS} — but only while records keep arriving for it: under a sustained feed each round then covers more
 * records and the dataset's recomputation uses at most about half a core, and as soon as the feed pauses (no mark for
 * {@link #FEED_QUIET_NANOS}) the rest ends, so the values catch up with the last records one round later instead of
 * after a rest that nothing needs any more. Times are {@link System#nanoTime()} values.
 */
final class RoundPacing {
    /** A dataset without a new mark for this long is no longer being fed: its rest ends. */
    static final long FEED_QUIET_NANOS = 1_000_000_000L;
    /**
     * The shortest rest. Rounds computed from the day state take milliseconds, and a round publishes every value of
     * the day, week, month, quarter and year it changed: back to back under a busy feed, they sent goal- and
     * alert-service hundreds of value events a second (the pipeline bench's latency phase went from 147 ms to 601 ms
     * at the median, the machine saturated), where two rounds a second say the same.
     */
    static final long MIN_REST_NANOS = 500_000_000L;

    private final Map<String, Long> restUntil = new ConcurrentHashMap<>();
    private final Map<String, Long> lastMarked = new ConcurrentHashMap<>();

    /** Changed event dates of the dataset were marked at {@code now}. */
    void marked(String dataset, long now) {
        lastMarked.merge(dataset, now, Math::max);
    }

    /** A round of the dataset ran from {@code started} to {@code ended}. */
    void roundRan(String dataset, long started, long ended) {
        restUntil.merge(dataset, ended + Math.max(ended - started, MIN_REST_NANOS), Math::max);
    }

    /** The datasets not to take at {@code now}: resting, and still fed. */
    Set<String> resting(long now) {
        Set<String> out = new HashSet<>();
        restUntil.entrySet().removeIf(e -> e.getValue() - now <= 0);
        restUntil.forEach((dataset, until) -> {
            if (fed(dataset, now)) {
                out.add(dataset);
            }
        });
        return out;
    }

    /** How long from {@code now} until a resting dataset may be taken, at most {@code atMost} (nanoseconds). */
    long untilNextEnd(long now, long atMost) {
        long wait = atMost;
        for (var e : restUntil.entrySet()) {
            Long last = lastMarked.get(e.getKey());
            if (!fed(e.getKey(), now)) {
                continue; // not resting: taken whenever it has marks
            }
            long end = e.getValue();
            if (last + FEED_QUIET_NANOS - end < 0) {
                end = last + FEED_QUIET_NANOS; // the feed goes quiet before the rest is over
            }
            wait = Math.min(wait, Math.max(0, end - now));
        }
        return wait;
    }

    private boolean fed(String dataset, long now) {
        Long last = lastMarked.get(dataset);
        return last != null && now - last < FEED_QUIET_NANOS;
    }
}
