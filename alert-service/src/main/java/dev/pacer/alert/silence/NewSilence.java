package dev.pacer.alert.silence;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request to create a silence. */
@Schema(name = "NewSilence")
public record NewSilence(
        @Schema(description = "All must hold for an alert to be silenced; at least one must not match an alert "
                + "that lacks its label, so a silence never mutes everything")
        @NotEmpty @Size(max = Silences.MAX_MATCHERS) List<@Valid @NotNull MatcherSpec> matchers,
        @Schema(description = "When it starts; now when absent or in the past", example = "2030-03-02T22:00:00Z")
        OffsetDateTime startsAt,
        @Schema(description = "When it ends; after startsAt and in the future", example = "2030-03-03T06:00:00Z")
        @NotNull OffsetDateTime endsAt,
        @Schema(description = "Why (required, kept for the record)", example = "ERP maintenance window, data will be late")
        @NotBlank @Size(max = 2000) String comment,
        @Schema(description = "Departments whose alerts it may silence; a manager may name only their own",
                example = "[\"sales\"]")
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> departments) {
}
