package dev.pacer.alert.notify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One webhook delivery of a channel, with every attempt. */
@Schema(name = "Delivery")
public record DeliveryView(
        UUID id,
        @Schema(description = "The rule whose alerts it carries", example = "5b0e2a64-7d1c-4a4e-9f3b-1f2d3c4b5a69")
        String groupKey,
        @Schema(description = "PENDING (waiting for its next attempt), DELIVERED or GAVE_UP", example = "DELIVERED")
        String status,
        @Schema(example = "3") int attempts,
        @Schema(description = "When the next attempt is due, while PENDING") OffsetDateTime nextAttemptAt,
        OffsetDateTime createdAt,
        OffsetDateTime finishedAt,
        @Schema(example = "receiver answered HTTP 503") String lastError,
        @Schema(description = "The alert ids it carries", example = "[\"3f1c0a9b8e7d6c5b4a39281706f5e4d3-1\"]")
        List<String> alertIds,
        List<Attempt> attemptLog) {

    /** One attempt: when, what the receiver answered (or the error), how long it took. */
    @Schema(name = "DeliveryAttempt")
    public record Attempt(@Schema(example = "1") int attempt, OffsetDateTime at,
            @Schema(example = "503") Integer statusCode, @Schema(example = "receiver answered HTTP 503") String error,
            @Schema(example = "12") long durationMs) {
    }
}
