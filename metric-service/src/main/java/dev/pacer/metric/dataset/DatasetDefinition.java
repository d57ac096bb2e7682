package dev.pacer.metric.dataset;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a steward writes to define a dataset (the key comes from the path on update). */
@Schema(name = "DatasetDefinition", description = "The schema of one kind of business record")
public record DatasetDefinition(
        @Schema(description = "Display name", example = "Order lines")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "What one record is", example = "One line of a sales order from the ERP")
        @Size(max = 2000) String description,
        @Schema(description = "Typed fields")
        @NotEmpty @Size(max = 200) List<@Valid @NotNull DatasetField> fields,
        @Schema(description = "Fields that identify a record; a record with the same key replaces the earlier one",
                example = "[\"order_id\", \"product_id\"]")
        @NotEmpty List<@NotBlank String> primaryKey,
        @Schema(description = "The DATE or TIMESTAMP field that places a record in time", example = "order_date")
        @NotBlank String eventTimeField,
        @Schema(description = "Department that owns the data", example = "sales")
        @NotBlank @Size(max = 100) String ownerDepartment,
        @Schema(description = "The system the records come from", example = "northwind-erp")
        @NotBlank @Size(max = 100) String sourceSystem) {
}
