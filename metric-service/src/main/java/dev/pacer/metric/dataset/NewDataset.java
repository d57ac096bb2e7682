package dev.pacer.metric.dataset;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request to create a dataset: its key and its first definition. */
@Schema(name = "NewDataset")
public record NewDataset(
        @Schema(description = "Unique key; a lower-case identifier", example = "orders")
        @NotBlank @Pattern(regexp = Datasets.NAME_PATTERN, message = "must be a lower-case identifier (a-z, 0-9, _)")
        String key,
        @Valid @NotNull DatasetDefinition definition) {
}
