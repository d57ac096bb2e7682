package dev.pacer.alert.channel;

import dev.pacer.events.Severity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an admin or manager writes to create or replace a channel: a signed webhook or an e-mail over SMTP. */
@Schema(name = "ChannelDefinition", description = "Where the alerts of some departments and severities go: a webhook "
        + "signed with the channel's secret (type WEBHOOK, the default) or e-mail to some recipients (type EMAIL)")
@ValidChannel
public record ChannelDefinition(
        @Schema(description = "Display name", example = "Sales on-call")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "WEBHOOK (default) or EMAIL. EMAIL needs the service's SMTP server "
                + "(PACER_ALERT_SMTP_HOST); without one, an EMAIL channel is refused with a problem naming `type`.",
                defaultValue = "WEBHOOK", example = "WEBHOOK")
        ChannelType type,
        @Schema(description = "WEBHOOK only (required there, absent for EMAIL): where alerts are POSTed; http or "
                + "https, without credentials (sign with the secret)", example = "https://hooks.example.com/pacer/sales")
        @Size(max = Channels.MAX_URL_LENGTH) String url,
        @Schema(description = "WEBHOOK only: the HMAC-SHA256 key of the X-Pacer-Signature header (16–512 characters). "
                + "Write-only: required on create; on update, omit it to keep the current one. Never returned.",
                writeOnly = true, example = "whsec_4f0c9b7e2a1d4c8b9e6f")
        @Size(min = Channels.MIN_SECRET_LENGTH, max = Channels.MAX_SECRET_LENGTH) String secret,
        @Schema(description = "EMAIL only (required there, absent for WEBHOOK): the addresses every notification is "
                + "mailed to (1–" + Channels.MAX_RECIPIENTS + ", plain addresses such as oncall@example.com, no "
                + "duplicates)", example = "[\"sales-oncall@example.com\", \"mia@example.com\"]")
        @Size(max = Channels.MAX_RECIPIENTS) List<@NotBlank @Size(max = Channels.MAX_ADDRESS_LENGTH) String> recipients,
        @Schema(description = "Departments whose alerts it receives; a manager may name only their own",
                example = "[\"sales\"]")
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> departments,
        @Schema(description = "Severities it receives", example = "[\"WARNING\", \"CRITICAL\"]")
        @NotEmpty List<@NotNull Severity> severities,
        @Schema(description = "Whether it receives alerts now; true when absent", defaultValue = "true")
        Boolean enabled,
        @Schema(description = "The alert labels whose values make a notification group, as Alertmanager's group_by: "
                + "alerts of this channel with the same values of these labels are sent together. Labels every alert "
                + "carries: `alertname` (rule name), `rule` (rule id), `severity`, `subject_kind` (goal or metric), "
                + "`subject` (goal id or metric key), `department`, the subject's dimensions, and the rule's own "
                + "labels. `[\"rule\"]` when absent (one group per rule); `[]` puts all of the channel's alerts in "
                + "one group; `[\"...\"]` groups by all labels (in effect, no grouping).",
                example = "[\"department\", \"team\"]")
        @Size(max = Channels.MAX_GROUP_BY) List<@NotNull String> groupBy,
        @Schema(description = "How long a new group waits to collect alerts before its first notification. Absent: "
                + "PT0S for CRITICAL alerts (at once), PT30S otherwise", example = "PT30S")
        Duration groupWait,
        @Schema(description = "How long after a group's last notification its next changes go out; PT5M when absent",
                example = "PT5M") Duration groupInterval,
        @Schema(description = "How long after a group's last notification its still-firing alerts are sent again; "
                + "PT4H when absent", example = "PT4H") Duration repeatInterval) {

    /** The type, WEBHOOK when absent. */
    public ChannelType effectiveType() {
        return type == null ? ChannelType.WEBHOOK : type;
    }
}
