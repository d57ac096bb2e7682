package dev.pacer.metric.dataset;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request to change a dataset: the new definition and why. */
@Schema(name = "DatasetChange")
public record DatasetChange(
        @Valid @NotNull DatasetDefinition definition,
        @Schema(description = "Why the schema changes (kept in the version history)", example = "ERP adds a channel column")
        @NotBlank @Size(max = 1000) String reason) {
}
