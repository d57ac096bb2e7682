package dev.pacer.ingest.rejection;

import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The corrected record of a rejection. */
@Schema(name = "RejectionFix")
public record RejectionFix(
        @NotNull @Schema(description = "The whole record, corrected",
                example = "{\"order_id\": 10248, \"product_id\": 42, \"customer_id\": \"VINET\", "
                        + "\"order_date\": \"1996-07-04\", \"unit_price\": 9.80, \"quantity\": 10}")
        Map<String, Object> record) {
}
