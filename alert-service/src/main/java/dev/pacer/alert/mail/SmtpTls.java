package dev.pacer.alert.mail;

import java.util.Locale;

/** How the connection to the SMTP server is protected. */
public enum SmtpTls {
    /** Plain text (a relay on a trusted network only). Default port 25. */
    NONE(25),
    /** Plain connection upgraded with STARTTLS, which the server must offer (else nothing is sent). Default port 587. */
    STARTTLS(587),
    /** TLS from the first byte ("smtps", implicit TLS). Default port 465. */
    TLS(465);

    private final int defaultPort;

    SmtpTls(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Reads {@code none}, {@code starttls} or {@code tls} (any case). */
    public static SmtpTls parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (SmtpTls t : values()) {
            if (t.name().equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException("must be none, starttls or tls, not '" + value + "'");
    }
}
