package dev.pacer.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the idempotent event consumer. */
@ConfigMapping(prefix = "pacer.consumer")
public interface ConsumerConfig {
    /** Attempts for a message whose handling fails for a transient reason (database down) before dead-lettering. */
    @WithDefault("8")
    int maxAttempts();

    /** First pause between attempts; doubles each time. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** How long applied event ids are remembered for de-duplication (well beyond Kafka's redelivery window). */
    @WithDefault("P30D")
    Duration processedRetention();
}
