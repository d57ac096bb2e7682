package dev.pacer.ingest.source;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A WEBHOOK source: SaaS systems push signed deliveries to {@code POST /webhooks/{id}}. The signing secret is
 * write-only: stored encrypted, never returned.
 */
@Schema(name = "WebhookSettings", description = "A WEBHOOK source: deliveries signed with a shared secret")
public record WebhookSettings(
        @Size(min = WebhookSettings.MIN_SECRET_LENGTH, max = 500)
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Schema(description = "The shared secret deliveries are signed with (HMAC-SHA256), at least "
                + WebhookSettings.MIN_SECRET_LENGTH + " characters; write-only (stored encrypted, never returned). "
                + "Required when creating; on update leave it out to keep the stored one", writeOnly = true,
                example = "whsec_5f2b7c9e1a4d48f0b3c6e8a2d7f1c4b9", nullable = true)
        String signingSecret) {

    /** Shortest signing secret accepted. */
    public static final int MIN_SECRET_LENGTH = 16;
}
