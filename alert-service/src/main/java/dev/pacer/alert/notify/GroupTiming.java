package dev.pacer.alert.notify;

import dev.pacer.events.Severity;
import java.time.Duration;
import java.time.Instant;

/**
 * When a notification group (one route, one rule) sends, as in Alertmanager: a new group waits the group wait to
 * collect alerts (0 sends at once, the default for CRITICAL, since seconds matter; 30 s otherwise); a group that has
 * sent waits until the group interval after its last notification; still-firing alerts are sent again once the repeat
 * interval has passed with nothing new. Plain Java.
 */
public record GroupTiming(Duration groupWait, Duration groupInterval, Duration repeatInterval) {
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);

    /** The timing of a channel for alerts of a severity; {@code groupWait} null means the severity's default. */
    public static GroupTiming of(Long groupWaitSeconds, long groupIntervalSeconds, long repeatIntervalSeconds,
            Severity severity) {
        Duration wait = groupWaitSeconds != null ? Duration.ofSeconds(groupWaitSeconds)
                : severity == Severity.CRITICAL ? Duration.ZERO : DEFAULT_GROUP_WAIT;
        return new GroupTiming(wait, Duration.ofSeconds(groupIntervalSeconds), Duration.ofSeconds(repeatIntervalSeconds));
    }

    /**
     * When a group with a new notification flushes.
     *
     * @param lastSentAt   when the group last sent; null if it never did (a new group)
     * @param scheduledAt  the flush already planned, if any; an earlier plan is kept
     */
    public Instant nextFlush(Instant now, Instant lastSentAt, Instant scheduledAt) {
        Instant wanted = lastSentAt == null ? now.plus(groupWait) : later(now, lastSentAt.plus(groupInterval));
        return scheduledAt != null && scheduledAt.isBefore(wanted) ? scheduledAt : wanted;
    }

    /** Whether a group with nothing new but alerts still firing sends them again at {@code now}. */
    public boolean repeatDue(Instant now, Instant lastSentAt) {
        return lastSentAt != null && !now.isBefore(lastSentAt.plus(repeatInterval));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
