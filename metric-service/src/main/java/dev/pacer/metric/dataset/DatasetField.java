package dev.pacer.metric.dataset;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One typed field of a dataset. */
@Schema(name = "DatasetField")
public record DatasetField(
        @Schema(description = "Field name, as records carry it", example = "unit_price")
        @NotBlank @Pattern(regexp = Datasets.NAME_PATTERN, message = "must be a lower-case identifier (a-z, 0-9, _)")
        String name,
        @Schema(description = "Value type", example = "DECIMAL")
        @NotNull FieldType type,
        @Schema(description = "Whether every record must carry a value", example = "true")
        boolean required,
        @Schema(description = "What the field means", example = "Unit price in the order currency")
        @Size(max = 500) String description) {
}
