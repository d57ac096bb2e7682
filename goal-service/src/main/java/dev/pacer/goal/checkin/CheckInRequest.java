package dev.pacer.goal.checkin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A check-in as an owner or contributor writes it. */
@Schema(name = "CheckInRequest", description = "How a goal is going, in the words of one of its owners or contributors")
public record CheckInRequest(
        @Schema(description = "What happened and what comes next", example = "华东新客户增长放缓，6 月加推渠道活动")
        @NotBlank @Size(max = 4000) String comment,
        @Schema(description = "Confidence that the goal will be reached, 0 (none) to 10 (certain)", example = "6")
        @NotNull @Min(0) @Max(10) Integer confidence,
        @Schema(description = "What stands in the way, if anything", example = "渠道预算尚未批复")
        @Size(max = 4000) String blockers) {
}
