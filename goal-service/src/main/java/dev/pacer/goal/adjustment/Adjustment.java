package dev.pacer.goal.adjustment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change of a goal's targets, as kept. */
@Schema(name = "Adjustment", description = "A change of a goal's targets: before and after, why, who and from when")
public record Adjustment(
        @Schema(example = "0c6f1f9e-8a1d-4c39-9d0e-3b1a5f2e7c44") UUID id,
        @Schema(example = "4e0c2a9d-1b7f-4d3e-8a65-0f9e2c7b1d34") UUID goalId,
        @Schema(example = "1500") BigDecimal previousBaseTarget,
        @Schema(example = "1800") BigDecimal previousChallengeTarget,
        @Schema(example = "1400") BigDecimal baseTarget,
        @Schema(example = "1700") BigDecimal challengeTarget,
        @Schema(example = "华东渠道调整，下半年新增客户预期下调") String reason,
        @Schema(description = "Who made the change (the token's subject)", example = "zhang.wei") String author,
        @Schema(example = "2026-07-01") LocalDate effectiveDate,
        OffsetDateTime createdAt) {
}
