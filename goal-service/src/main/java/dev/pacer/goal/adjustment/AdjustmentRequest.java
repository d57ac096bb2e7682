package dev.pacer.goal.adjustment;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change of a goal's targets, as a manager writes it. */
@Schema(name = "AdjustmentRequest", description = "New targets for a goal, with the reason and the date they apply from")
public record AdjustmentRequest(
        @Schema(description = "The new base target", example = "1400")
        @NotNull @Digits(integer = 15, fraction = 6) BigDecimal baseTarget,
        @Schema(description = "The new challenge target; absent for none. Beyond the base target in the goal's direction",
                example = "1700")
        @Digits(integer = 15, fraction = 6) BigDecimal challengeTarget,
        @Schema(description = "Why the targets change", example = "华东渠道调整，下半年新增客户预期下调")
        @NotBlank @Size(max = 2000) String reason,
        @Schema(description = "The day the new targets apply from: inside the goal's window and not after today",
                example = "2026-07-01")
        @NotNull LocalDate effectiveDate) {
}
