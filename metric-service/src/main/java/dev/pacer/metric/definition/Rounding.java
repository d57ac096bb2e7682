package dev.pacer.metric.definition;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.RoundingMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How values are rounded: part of the definition, since money sums often end in half a cent. */
@Schema(name = "Rounding")
public record Rounding(
        @Schema(description = "Digits after the decimal point", example = "2") @NotNull @Min(0) @Max(12) Integer scale,
        @Schema(description = "java.math.RoundingMode name", example = "HALF_UP") @NotNull RoundingMode mode) {

    /** Money: two places, half up. */
    public static final Rounding MONEY = new Rounding(2, RoundingMode.HALF_UP);
}
