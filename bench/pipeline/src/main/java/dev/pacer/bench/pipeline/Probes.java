package dev.pacer.bench.pipeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The probes of the latency measurement and how a webhook call is matched to the probe that caused it.
 *
 * <p>A probe is one pushed record of the probe dataset: always the same primary key, dated today, so the probe
 * metric's DAY value <em>is</em> the probe's amount. Probe {@code n} (1, 2, 3 …) alternates: odd probes push
 * {@code LIMIT + n} (above the threshold rule's limit: the alert fires), even probes push {@code n} (below it: the
 * alert resolves, keep-firing 0). So each probe causes exactly one state change, and its value is unique: the alert
 * in the webhook body carries the value that caused the change ({@code evidence.value}), which names the probe. A
 * call is matched when its state is the one the probe expects (FIRING for odd, RESOLVED for even) and the probe was
 * not matched before; anything else is counted as unmatched (never seen in a sound run).
 */
final class Probes {
    /** The threshold of the probe rule: odd probes are above it, even probes below. */
    static final long LIMIT = 1_000_000;

    /** One probe: when it was sent and accepted (HTTP 200 received), and when its webhook arrived (nanoTime). */
    static final class Probe {
        final int seq;
        final boolean warmup;
        final long sentNanos;
        volatile long acceptedNanos = -1;
        volatile long deliveredNanos = -1;
        volatile boolean failed;
        /** Not delivered within the probe timeout: the next probe went out before its webhook came. */
        volatile boolean timedOut;

        Probe(int seq, boolean warmup, long sentNanos) {
            this.seq = seq;
            this.warmup = warmup;
            this.sentNanos = sentNanos;
        }

        boolean firing() {
            return Probes.firing(seq);
        }

        long value() {
            return Probes.value(seq);
        }

        boolean delivered() {
            return deliveredNanos >= 0;
        }

        /** Push accepted → webhook received, in ms; NaN while not both known. */
        double latencyMs() {
            return acceptedNanos < 0 || deliveredNanos < 0 ? Double.NaN : (deliveredNanos - acceptedNanos) / 1e6;
        }
    }

    private final Map<Long, Probe> byValue = new ConcurrentHashMap<>();
    private final List<Probe> all = new ArrayList<>();
    private final AtomicInteger unmatched = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();

    static boolean firing(int seq) {
        return seq % 2 == 1;
    }

    /** The amount probe {@code seq} pushes, unique per probe. */
    static long value(int seq) {
        if (seq < 1 || seq >= LIMIT) {
            throw new IllegalArgumentException("probe number out of range: " + seq);
        }
        return firing(seq) ? LIMIT + seq : seq;
    }

    /** Registers a probe just before its push is sent (a webhook can then never precede its registration). */
    synchronized Probe register(int seq, boolean warmup, long sentNanos) {
        Probe p = new Probe(seq, warmup, sentNanos);
        byValue.put(p.value(), p);
        all.add(p);
        return p;
    }

    /**
     * One alert of the probe rule in a webhook body: its state ({@code FIRING}/{@code RESOLVED}) and
     * {@code evidence.value}. Returns the probe it delivers, or null when it matches none.
     */
    Probe onAlert(String state, BigDecimal value, long arrivedNanos) {
        Probe p = null;
        if (value != null && value.stripTrailingZeros().scale() <= 0) {
            try {
                p = byValue.get(value.longValueExact());
            } catch (ArithmeticException e) {
                p = null;
            }
        }
        if (p == null || !(p.firing() ? "FIRING" : "RESOLVED").equals(state)) {
            unmatched.incrementAndGet();
            return null;
        }
        synchronized (p) {
            if (p.delivered()) {
                duplicates.incrementAndGet();
                return null;
            }
            p.deliveredNanos = arrivedNanos;
            p.notifyAll();
        }
        return p;
    }

    /** Waits until the probe is delivered or the deadline (nanoTime) passes; true when delivered. */
    static boolean await(Probe p, long deadlineNanos) throws InterruptedException {
        synchronized (p) {
            while (!p.delivered()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                p.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    synchronized List<Probe> all() {
        return List.copyOf(all);
    }

    /** The measured (not warm-up) probes whose push was accepted. */
    synchronized List<Probe> measured() {
        return all.stream().filter(p -> !p.warmup && !p.failed && p.acceptedNanos >= 0).toList();
    }

    int unmatched() {
        return unmatched.get();
    }

    int duplicates() {
        return duplicates.get();
    }
}
