package dev.pacer.alert.channel;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a channel sends its notifications. */
@Schema(name = "ChannelType", description = "WEBHOOK: an HMAC-signed HTTP POST to `url`; EMAIL: a mail over SMTP to "
        + "`recipients`")
public enum ChannelType {
    WEBHOOK,
    EMAIL
}
