package dev.pacer.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pacer.alert.channel.ChannelEntity;
import dev.pacer.alert.notify.DeliveryEntity;
import dev.pacer.alert.notify.SendResult;
import dev.pacer.alert.notify.WebhookBody;
import dev.pacer.events.AlertState;
import dev.pacer.events.AlertStateChanged;
import dev.pacer.events.Severity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One e-mail attempt against real local sockets (the test SMTP server, or a port nobody listens on); no Quarkus. */
class EmailSenderTest {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant NOW = Instant.parse("2026-03-14T09:30:00Z");

    private record Config(Optional<String> host, OptionalInt port, String from, Optional<String> username,
            Optional<String> password, String tls, Duration connectTimeout, Duration readTimeout) implements SmtpConfig {
    }

    private static EmailSender sender(String host, int port) {
        return new EmailSender(new SmtpServer(new Config(Optional.ofNullable(host), OptionalInt.of(port),
                "alerts@pacer.test", Optional.empty(), Optional.empty(), "none", Duration.ofSeconds(5),
                Duration.ofSeconds(5))), JSON);
    }

    private static ChannelEntity channel(String... recipients) {
        ChannelEntity c = new ChannelEntity();
        c.id = UUID.randomUUID();
        c.type = "EMAIL";
        c.recipients = recipients;
        c.enabled = true;
        return c;
    }

    private static DeliveryEntity delivery(ChannelEntity channel) throws Exception {
        AlertStateChanged alert = new AlertStateChanged("a-1", "fp-1", "r-1", "Revenue behind pace", Severity.CRITICAL,
                AlertState.FIRING, AlertState.PENDING, false, "goal", "g-1", List.of("sales"), Map.of("team", "emea"),
                "off track", Map.of("ruleKind", "goal_pace"), NOW.atOffset(ZoneOffset.UTC));
        DeliveryEntity d = new DeliveryEntity();
        d.id = UUID.randomUUID();
        d.channelId = channel.id;
        d.groupKey = "r-1";
        d.createdAt = NOW;
        d.body = WebhookBody.of(JSON, d.id, channel.id, "r-1", false, List.of(JSON.writeValueAsString(alert)));
        return d;
    }

    @Test
    void aMailTheServerAcceptsIsDeliveredWithItsReplyCode() throws Exception {
        String to = "sender-test-" + UUID.randomUUID() + "@example.com";
        ChannelEntity channel = channel(to);
        DeliveryEntity d = delivery(channel);
        SendResult r = sender("127.0.0.1", SmtpTestServer.shared().port()).send(channel, d, NOW);
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.DELIVERED);
        assertThat(r.statusCode()).isEqualTo(250);
        assertThat(SmtpTestServer.shared().acceptedFor(to)).hasSize(1).first()
                .satisfies(m -> assertThat(m.text()).contains("X-Pacer-Delivery: " + d.id,
                        "Message-ID: <" + d.id + "@alert-service.pacer>", "Subject: "));
    }

    @Test
    void aRefusedConnectionIsRetriedWithoutAReplyCode() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ChannelEntity channel = channel("oncall@example.com");
        SendResult r = sender("127.0.0.1", closedPort).send(channel, delivery(channel), NOW);
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(r.statusCode()).isNull();
        assertThat(r.error()).containsIgnoringCase("connect");
    }

    @Test
    void withoutAnSmtpServerTheAttemptFailsWithThatReasonAndIsRetried() throws Exception {
        ChannelEntity channel = channel("oncall@example.com");
        SendResult r = sender(null, 25).send(channel, delivery(channel), NOW);
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(r.error()).contains("no SMTP server", "PACER_ALERT_SMTP_HOST");
    }
}
