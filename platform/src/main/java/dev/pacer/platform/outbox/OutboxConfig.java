package dev.pacer.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay. */
@ConfigMapping(prefix = "pacer.outbox")
public interface OutboxConfig {
    /** Whether this replica relays outbox rows to Kafka (only one replica relays at a time anyway). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Most rows sent in one relay transaction. */
    @WithDefault("1000")
    int batchSize();

    /** How often the relay looks for rows when no commit woke it up (commits wake it at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Longest pause after a failed relay attempt (the pause doubles from 100 ms up to this). */
    @WithDefault("10s")
    Duration maxBackoff();
}
