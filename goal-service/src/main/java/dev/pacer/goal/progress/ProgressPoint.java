package dev.pacer.goal.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change of a goal's progress, a point of its trend chart. */
@Schema(name = "ProgressPoint", description = "A goal's progress as it was after one change")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressPoint(
        @Schema(example = "2026-06-30") LocalDate asOf,
        OffsetDateTime computedAt,
        @Schema(example = "ON_TRACK") PaceStatus status,
        @Schema(example = "AT_RISK") PaceStatus previousStatus,
        @Schema(example = "0.97") BigDecimal attainmentToDate,
        @Schema(example = "0.48") BigDecimal attainmentBase,
        @Schema(example = "0.4") BigDecimal attainmentChallenge,
        @Schema(description = "The goal's own actual; absent for a goal judged by its sub-goals", example = "720")
        BigDecimal actual,
        @Schema(example = "743.8") BigDecimal expectedBase,
        @Schema(example = "1452") BigDecimal forecast,
        @Schema(example = "1448") BigDecimal runRateForecast,
        @Schema(example = "1500") BigDecimal baseTarget,
        @Schema(example = "1800") BigDecimal challengeTarget) {

    static ProgressPoint of(ProgressHistoryEntity h) {
        return new ProgressPoint(h.asOf, h.computedAt, h.status, h.previousStatus, h.attainmentToDate,
                h.attainmentBase, h.attainmentChallenge, h.actual, h.expectedBase, h.forecast, h.runRateForecast,
                h.baseTarget, h.challengeTarget);
    }
}
