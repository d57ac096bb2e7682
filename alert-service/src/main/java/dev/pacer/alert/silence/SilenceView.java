package dev.pacer.alert.silence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A silence as the API returns it, with its state at the time of the answer. */
@Schema(name = "Silence")
public record SilenceView(
        @Schema(example = "6f1c2f7e-3b7a-4c55-9a51-0d7f1b1c2a10") UUID id,
        List<MatcherSpec> matchers,
        @Schema(example = "2030-03-02T22:00:00Z") OffsetDateTime startsAt,
        @Schema(example = "2030-03-03T06:00:00Z") OffsetDateTime endsAt,
        @Schema(description = "At the time of the answer") SilenceState state,
        @Schema(example = "ERP maintenance window, data will be late") String comment,
        @Schema(example = "[\"sales\"]") List<String> departments,
        @Schema(description = "Who created it (token subject)", example = "alice") String createdBy,
        OffsetDateTime createdAt,
        @Schema(description = "Who expired it before its planned end; null if nobody did", example = "bob")
        String expiredBy) {

    static SilenceView of(Silence s, java.time.Instant now) {
        return new SilenceView(s.id(), s.matchers().stream().map(MatcherSpec::of).toList(),
                s.startsAt().atOffset(ZoneOffset.UTC), s.endsAt().atOffset(ZoneOffset.UTC), s.state(now), s.comment(),
                List.copyOf(s.departments()), s.createdBy(), s.createdAt().atOffset(ZoneOffset.UTC), s.expiredBy());
    }
}
