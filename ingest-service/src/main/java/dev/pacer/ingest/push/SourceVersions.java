package dev.pacer.ingest.push;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default source version of a push: the current time in epoch microseconds, so the last writer wins downstream;
 * strictly increasing within this process, so two batches in the same microsecond still differ.
 */
public final class SourceVersions {
    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public SourceVersions(Clock clock) {
        this.clock = clock;
    }

    public long next() {
        Instant now = clock.instant();
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
        return last.accumulateAndGet(micros, (previous, candidate) -> Math.max(previous + 1, candidate));
    }
}
