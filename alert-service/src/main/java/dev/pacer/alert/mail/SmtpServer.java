package dev.pacer.alert.mail;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The SMTP server of e-mail channels, if one is configured. Checked at start-up, so a wrong value (port, TLS mode,
 * sender address) stops the service with a message naming the variable; no host at all is fine: the service runs,
 * and e-mail channels are refused until one is set.
 */
@ApplicationScoped
@Startup
public class SmtpServer {
    public static final String HOST_KEY = "pacer.alert.smtp.host";
    public static final String HOST_ENV = "PACER_ALERT_SMTP_HOST";
    private static final Logger LOG = Logger.getLogger(SmtpServer.class);

    private final Optional<SmtpSettings> settings;

    public SmtpServer(SmtpConfig config) {
        this.settings = SmtpSettings.of(config);
        settings.ifPresentOrElse(s -> {
            LOG.infof("E-mail channels send through %s", s);
            if (s.tls() == SmtpTls.NONE && s.username().isPresent()) {
                LOG.warnf("SMTP authentication without TLS sends the password in clear text; set "
                        + "PACER_ALERT_SMTP_TLS to starttls or tls unless the server is on a trusted network");
            }
        }, () -> LOG.infof("No SMTP server configured (%s): e-mail channels are refused", HOST_ENV));
    }

    public boolean configured() {
        return settings.isPresent();
    }

    public Optional<SmtpSettings> settings() {
        return settings;
    }
}
