package dev.pacer.alert.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The SMTP server as configured, checked, and turned into Jakarta Mail session properties. Plain Java.
 *
 * @param password never printed: {@link #toString()} leaves it out
 */
public record SmtpSettings(String host, int port, InternetAddress from, Optional<String> username,
        Optional<String> password, SmtpTls tls, Duration connectTimeout, Duration readTimeout) {

    /**
     * The settings of {@code config}, or empty when it names no host. Wrong values fail with a message naming the
     * environment variable to fix.
     */
    public static Optional<SmtpSettings> of(SmtpConfig config) {
        Optional<String> host = config.host().map(String::strip).filter(h -> !h.isEmpty());
        if (host.isEmpty()) {
            return Optional.empty();
        }
        SmtpTls tls;
        try {
            tls = SmtpTls.parse(config.tls());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PACER_ALERT_SMTP_TLS (pacer.alert.smtp.tls) " + e.getMessage());
        }
        int port = config.port().orElse(tls.defaultPort());
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("PACER_ALERT_SMTP_PORT (pacer.alert.smtp.port) must be 1–65535, not "
                    + port);
        }
        InternetAddress from;
        try {
            from = new InternetAddress(config.from().strip(), true);
            from.validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("PACER_ALERT_SMTP_FROM (pacer.alert.smtp.from) is not an e-mail "
                    + "address: " + e.getMessage());
        }
        Optional<String> user = config.username().filter(u -> !u.isBlank());
        Optional<String> password = config.password().filter(p -> !p.isEmpty());
        if (password.isPresent() && user.isEmpty()) {
            throw new IllegalArgumentException("PACER_ALERT_SMTP_PASSWORD is set without PACER_ALERT_SMTP_USERNAME");
        }
        positive(config.connectTimeout(), "PACER_ALERT_SMTP_CONNECT_TIMEOUT (pacer.alert.smtp.connect-timeout)");
        positive(config.readTimeout(), "PACER_ALERT_SMTP_READ_TIMEOUT (pacer.alert.smtp.read-timeout)");
        return Optional.of(new SmtpSettings(host.get(), port, from, user, password, tls, config.connectTimeout(),
                config.readTimeout()));
    }

    /** The Jakarta Mail transport protocol: {@code smtps} for implicit TLS, else {@code smtp}. */
    public String protocol() {
        return tls == SmtpTls.TLS ? "smtps" : "smtp";
    }

    /**
     * The session properties: host, port, envelope sender, timeouts, authentication when a user is set, the TLS mode
     * (with the server's certificate and host name checked), and partial sending (recipients the server accepts get
     * the mail even when it refuses others; the refusals are logged).
     */
    public Properties sessionProperties() {
        String p = "mail." + protocol() + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol());
        props.setProperty(p + "host", host);
        props.setProperty(p + "port", Integer.toString(port));
        props.setProperty(p + "from", from.getAddress());
        props.setProperty(p + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
        props.setProperty(p + "timeout", Long.toString(readTimeout.toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(readTimeout.toMillis()));
        props.setProperty(p + "auth", Boolean.toString(username.isPresent()));
        props.setProperty(p + "sendpartial", "true");
        switch (tls) {
            case NONE -> props.setProperty(p + "starttls.enable", "false");
            case STARTTLS -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "true");
                props.setProperty(p + "ssl.checkserveridentity", "true");
            }
            case TLS -> {
                props.setProperty(p + "ssl.enable", "true");
                props.setProperty(p + "ssl.checkserveridentity", "true");
            }
        }
        return props;
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", tls=" + tls + ", from=" + from + ", user="
                + username.orElse("(none)") + "]";
    }

    private static void positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
