package dev.pacer.alert.channel;

import dev.pacer.events.Severity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an admin or manager writes to create or replace a webhook channel. */
@Schema(name = "ChannelDefinition", description = "A webhook that receives the alerts of some departments and "
        + "severities, signed with the channel's secret")
public record ChannelDefinition(
        @Schema(description = "Display name", example = "Sales on-call")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "Where alerts are POSTed; http or https, without credentials (sign with the secret)",
                example = "https://hooks.example.com/pacer/sales")
        @NotBlank @Size(max = Channels.MAX_URL_LENGTH) String url,
        @Schema(description = "The HMAC-SHA256 key of the X-Pacer-Signature header (16–512 characters). Write-only: "
                + "required on create; on update, omit it to keep the current one. Never returned.",
                writeOnly = true, example = "whsec_4f0c9b7e2a1d4c8b9e6f")
        @Size(min = Channels.MIN_SECRET_LENGTH, max = Channels.MAX_SECRET_LENGTH) String secret,
        @Schema(description = "Departments whose alerts it receives; a manager may name only their own",
                example = "[\"sales\"]")
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> departments,
        @Schema(description = "Severities it receives", example = "[\"WARNING\", \"CRITICAL\"]")
        @NotEmpty List<@NotNull Severity> severities,
        @Schema(description = "Whether it receives alerts now; true when absent", defaultValue = "true")
        Boolean enabled,
        @Schema(description = "How long a new group (this channel, one rule) waits to collect alerts before its first "
                + "notification. Absent: PT0S for CRITICAL alerts (at once), PT30S otherwise", example = "PT30S")
        Duration groupWait,
        @Schema(description = "How long after a group's last notification its next changes go out; PT5M when absent",
                example = "PT5M") Duration groupInterval,
        @Schema(description = "How long after a group's last notification its still-firing alerts are sent again; "
                + "PT4H when absent", example = "PT4H") Duration repeatInterval) {
}
