package dev.pacer.alert.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The SMTP server that e-mail channels send through (env vars PACER_ALERT_SMTP_*). */
@ConfigMapping(prefix = "pacer.alert.smtp")
public interface SmtpConfig {
    /** The server's host name; absent: no e-mail channels (the service still starts). */
    Optional<String> host();

    /** Its port; absent: 25 with tls=none, 587 with starttls, 465 with tls. */
    OptionalInt port();

    /** The sender address (From header and envelope sender). */
    @WithDefault("pacer@localhost")
    String from();

    /** The user to authenticate as; absent: no authentication. */
    Optional<String> username();

    /** The password of {@link #username()}. */
    Optional<String> password();

    /** none, starttls (the connection must be upgraded, else nothing is sent) or tls (implicit TLS, "smtps"). */
    @WithDefault("starttls")
    String tls();

    /** How long connecting may take. */
    @WithDefault("PT10S")
    Duration connectTimeout();

    /** How long a reply of the server may take (and a write, the message's). */
    @WithDefault("PT30S")
    Duration readTimeout();
}
