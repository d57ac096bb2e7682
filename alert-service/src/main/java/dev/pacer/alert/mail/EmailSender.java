package dev.pacer.alert.mail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.alert.channel.ChannelEntity;
import dev.pacer.alert.channel.ChannelType;
import dev.pacer.alert.notify.ChannelSender;
import dev.pacer.alert.notify.DeliveryEntity;
import dev.pacer.alert.notify.SendResult;
import dev.pacer.events.AlertStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * E-mail attempts: the delivery's group (its JSON, as a webhook would receive it) composed into an {@link AlertMail}
 * and sent synchronously over SMTP to all the channel's recipients, in one transaction with the server. How a failure
 * counts (retry or give up) is {@link SmtpOutcome}'s. Without a configured SMTP server every attempt fails with that
 * reason (and is retried, so the mails go out once the operator sets one and restarts the service).
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {
    private final SmtpServer smtp;
    private final ObjectMapper reader;

    public EmailSender(SmtpServer smtp, ObjectMapper json) {
        this.smtp = smtp;
        this.reader = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public SendResult send(ChannelEntity channel, DeliveryEntity d, Instant now) {
        if (smtp.settings().isEmpty()) {
            return SendResult.retry(null, "no SMTP server is configured (" + SmtpServer.HOST_ENV + ")");
        }
        SmtpSettings settings = smtp.settings().get();
        Session session = Session.getInstance(settings.sessionProperties());
        MimeMessage message;
        try {
            message = compose(d).toMessage(session, settings.from(), recipients(channel), d.createdAt);
        } catch (IOException | MessagingException | RuntimeException e) {
            return SendResult.permanent(null, "the mail cannot be composed: " + SendResult.describe(e));
        }
        try (Transport transport = session.getTransport(settings.protocol())) {
            transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                    settings.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
            int code = transport instanceof SMTPTransport t ? t.getLastReturnCode() : 250;
            return SendResult.delivered(code, null);
        } catch (MessagingException e) {
            return SmtpOutcome.of(e);
        }
    }

    private AlertMail compose(DeliveryEntity d) throws IOException {
        JsonNode root = reader.readTree(d.body);
        List<AlertStateChanged> alerts = new ArrayList<>();
        for (JsonNode alert : root.path("alerts")) {
            alerts.add(reader.treeToValue(alert, AlertStateChanged.class));
        }
        return AlertMail.compose(d.id, d.groupKey, root.path("repeat").asBoolean(false), alerts);
    }

    private static List<InternetAddress> recipients(ChannelEntity channel) throws AddressException {
        List<InternetAddress> to = new ArrayList<>();
        for (String r : channel.recipients == null ? new String[0] : channel.recipients) {
            to.add(new InternetAddress(r, true));
        }
        if (to.isEmpty()) {
            throw new AddressException("the channel names no recipients");
        }
        return to;
    }
}
