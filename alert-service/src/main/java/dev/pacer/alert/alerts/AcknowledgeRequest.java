package dev.pacer.alert.alerts;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An acknowledgement; who it is comes from the token. */
@Schema(name = "AcknowledgeRequest")
public record AcknowledgeRequest(
        @Schema(description = "What is being done about it", example = "Calling the EMEA leads")
        @Size(max = 2000) String note) {
}
