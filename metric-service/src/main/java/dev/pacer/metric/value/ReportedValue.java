package dev.pacer.metric.value;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A value of a REPORTED metric, pushed as it is: the period (its label gives the grain) and the value. */
@Schema(name = "ReportedValue")
public record ReportedValue(
        @Schema(description = "Period label: 2026-03-15 (day), 2026-W11, 2026-03, FY2026-Q1 or FY2026",
                example = "2026-03") @NotBlank String period,
        @Schema(description = "The value; null withdraws an earlier one", example = "8.7") @NotNull BigDecimal value) {
}
