package dev.pacer.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
    /** A configuration as the service reads it (a plain stand-in for the config mapping). */
    private record Config(Optional<String> host, OptionalInt port, String from, Optional<String> username,
            Optional<String> password, String tls, Duration connectTimeout, Duration readTimeout) implements SmtpConfig {
    }

    private static Config config(String host, String tls, Integer port) {
        return new Config(Optional.ofNullable(host), port == null ? OptionalInt.empty() : OptionalInt.of(port),
                "Pacer <alerts@example.com>", Optional.empty(), Optional.empty(), tls, Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }

    @Test
    void noHostMeansNoSmtpServer() {
        assertThat(SmtpSettings.of(config(null, "starttls", null))).isEmpty();
        assertThat(SmtpSettings.of(config("  ", "starttls", null))).isEmpty();
    }

    @Test
    void theDefaultPortFollowsTheTlsMode() {
        assertThat(SmtpSettings.of(config("mail.example.com", "none", null)).orElseThrow().port()).isEqualTo(25);
        assertThat(SmtpSettings.of(config("mail.example.com", "STARTTLS", null)).orElseThrow().port()).isEqualTo(587);
        assertThat(SmtpSettings.of(config("mail.example.com", "tls", null)).orElseThrow().port()).isEqualTo(465);
        assertThat(SmtpSettings.of(config("mail.example.com", "tls", 2465)).orElseThrow().port()).isEqualTo(2465);
    }

    @Test
    void starttlsIsRequiredAndImplicitTlsUsesSmtpsAndBothCheckTheServer() {
        Properties starttls = SmtpSettings.of(config("mail.example.com", "starttls", null)).orElseThrow()
                .sessionProperties();
        assertThat(starttls).containsEntry("mail.transport.protocol", "smtp")
                .containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true").containsEntry("mail.smtp.host", "mail.example.com")
                .containsEntry("mail.smtp.port", "587").containsEntry("mail.smtp.from", "alerts@example.com")
                .containsEntry("mail.smtp.connectiontimeout", "10000").containsEntry("mail.smtp.timeout", "30000")
                .containsEntry("mail.smtp.auth", "false");

        SmtpSettings tls = SmtpSettings.of(config("mail.example.com", "tls", null)).orElseThrow();
        assertThat(tls.protocol()).isEqualTo("smtps");
        assertThat(tls.sessionProperties()).containsEntry("mail.smtps.ssl.enable", "true")
                .containsEntry("mail.smtps.ssl.checkserveridentity", "true").containsEntry("mail.smtps.port", "465");

        assertThat(SmtpSettings.of(config("relay.internal", "none", null)).orElseThrow().sessionProperties())
                .containsEntry("mail.smtp.starttls.enable", "false").doesNotContainKey("mail.smtp.starttls.required");
    }

    @Test
    void aUserTurnsOnAuthenticationAndThePasswordIsNeverPrinted() {
        Config c = new Config(Optional.of("mail.example.com"), OptionalInt.empty(), "alerts@example.com",
                Optional.of("pacer"), Optional.of("s3cret-pa55"), "starttls", Duration.ofSeconds(5), Duration.ofSeconds(5));
        SmtpSettings s = SmtpSettings.of(c).orElseThrow();
        assertThat(s.sessionProperties()).containsEntry("mail.smtp.auth", "true");
        assertThat(s.sessionProperties().toString()).doesNotContain("s3cret-pa55");
        assertThat(s.toString()).doesNotContain("s3cret-pa55").contains("pacer");
    }

    @Test
    void wrongValuesNameTheVariableToFix() {
        assertThatThrownBy(() -> SmtpSettings.of(config("mail.example.com", "ssl3", null)))
                .hasMessageContaining("PACER_ALERT_SMTP_TLS");
        assertThatThrownBy(() -> SmtpSettings.of(config("mail.example.com", "none", 70000)))
                .hasMessageContaining("PACER_ALERT_SMTP_PORT");
        Config badFrom = new Config(Optional.of("mail.example.com"), OptionalInt.empty(), "not an address",
                Optional.empty(), Optional.empty(), "none", Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThatThrownBy(() -> SmtpSettings.of(badFrom)).hasMessageContaining("PACER_ALERT_SMTP_FROM");
        Config passwordOnly = new Config(Optional.of("mail.example.com"), OptionalInt.empty(), "a@example.com",
                Optional.empty(), Optional.of("pw"), "none", Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThatThrownBy(() -> SmtpSettings.of(passwordOnly)).hasMessageContaining("PACER_ALERT_SMTP_USERNAME");
    }
}
