package dev.pacer.goal.matrix;

import dev.pacer.goal.tree.Quarter;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The responsibility matrix of a fiscal year: who owns and contributes to which goal, in which quarters. */
@Schema(name = "Matrix", description = "Goals × departments × role × time window, in tree order")
public record Matrix(
        @Schema(example = "FY2026") String period,
        @Schema(description = "Only this department's rows, when asked", example = "市场部") String department,
        @Schema(description = "Only goals measured in this quarter, when asked", example = "Q3") Quarter quarter,
        List<MatrixRow> rows) {
}
