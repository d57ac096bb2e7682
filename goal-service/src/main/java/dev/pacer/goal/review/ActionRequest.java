package dev.pacer.goal.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new action item. */
@Schema(name = "ActionRequest", description = "Who does what by when")
public record ActionRequest(
        @Schema(example = "加推华东渠道活动") @NotBlank @Size(max = 500) String title,
        @Schema(description = "The person responsible", example = "zhang.wei") @NotBlank @Size(max = 100) String owner,
        @Schema(example = "2026-10-31") @NotNull LocalDate dueDate) {
}
