package dev.pacer.alert.notify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One delivery of a channel (a webhook call or a mail), with every attempt. */
@Schema(name = "Delivery")
public record DeliveryView(
        UUID id,
        @Schema(description = "The group whose alerts it carries: the rule id when the channel groups by rule (the "
                + "default), else the grouped labels' values as {name=\"value\",…}",
                example = "5b0e2a64-7d1c-4a4e-9f3b-1f2d3c4b5a69")
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
            @Schema(description = "The receiver's answer: the HTTP status of a webhook, the SMTP reply code of a mail "
                    + "(e.g. 250 accepted, 451 try later, 550 refused); absent when none came", example = "503")
            Integer statusCode,
            @Schema(description = "What went wrong; on a delivered mail, the recipients the server refused, if any",
                    example = "receiver answered HTTP 503") String error,
            @Schema(example = "12") long durationMs) {
    }
}
