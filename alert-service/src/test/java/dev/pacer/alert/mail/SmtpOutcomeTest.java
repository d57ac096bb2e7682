package dev.pacer.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.alert.notify.SendResult;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

/** How SMTP failures count for the delivery queue; the exceptions are built as Angus Mail throws them. */
class SmtpOutcomeTest {
    private static final InternetAddress A = address("a@example.com");
    private static final InternetAddress B = address("b@example.com");

    private static InternetAddress address(String a) {
        try {
            return new InternetAddress(a);
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** RCPT refusals chained as Angus chains them, in a SendFailedException. */
    private static SendFailedException refused(Address[] sent, SMTPAddressFailedException... failures) {
        for (int i = 0; i + 1 < failures.length; i++) {
            failures[i].setNextException(failures[i + 1]);
        }
        Address[] invalid = java.util.Arrays.stream(failures).map(SMTPAddressFailedException::getAddress)
                .toArray(Address[]::new);
        return new SendFailedException("Invalid Addresses", failures[0], sent, new Address[0], invalid);
    }

    @Test
    void everyRecipientRefusedWithA5xxIsPermanent() {
        SendResult r = SmtpOutcome.of(refused(new Address[0],
                new SMTPAddressFailedException(A, "RCPT TO:<a@example.com>", 550, "550 5.1.1 No such user"),
                new SMTPAddressFailedException(B, "RCPT TO:<b@example.com>", 553, "553 5.1.3 Bad address")));
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
        assertThat(r.statusCode()).isEqualTo(553);
        assertThat(r.error()).contains("a@example.com", "550 5.1.1 No such user", "b@example.com", "553");
    }

    @Test
    void aRecipientRefusedWithA4xxIsRetriedEvenBesideA5xx() {
        SendResult r = SmtpOutcome.of(refused(new Address[0],
                new SMTPAddressFailedException(A, "RCPT TO:<a@example.com>", 550, "550 No such user"),
                new SMTPAddressFailedException(B, "RCPT TO:<b@example.com>", 450, "450 4.2.0 Greylisted")));
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(r.error()).contains("450 4.2.0 Greylisted");
    }

    @Test
    void theMessageRefusedAfterDataIsRetriedOn4xxAndGivenUpOn5xx() {
        SendResult later = SmtpOutcome.of(new SMTPSendFailedException(".", 451, "451 4.3.0 Try again later", null,
                null, new Address[] {A}, null));
        assertThat(later.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(later.statusCode()).isEqualTo(451);
        SendResult never = SmtpOutcome.of(new SMTPSendFailedException(".", 554, "554 5.7.1 Rejected as spam", null,
                null, new Address[] {A}, null));
        assertThat(never.outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
        assertThat(never.statusCode()).isEqualTo(554);
    }

    @Test
    void aMailAcceptedForSomeRecipientsIsDeliveredWithTheRefusalsNoted() {
        SendResult r = SmtpOutcome.of(refused(new Address[] {A},
                new SMTPAddressFailedException(B, "RCPT TO:<b@example.com>", 550, "550 5.1.1 No such user")));
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.DELIVERED);
        assertThat(r.error()).contains("accepted for a@example.com", "b@example.com", "550");
    }

    @Test
    void noReplyAtAllOrFailedAuthenticationIsRetried() {
        SendResult refused = SmtpOutcome.of(new MailConnectException(new SocketConnectException(
                "Connection refused", new ConnectException("Connection refused"), "mail.example.com", 587, 10000)));
        assertThat(refused.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(refused.statusCode()).isNull();
        assertThat(refused.error()).contains("mail.example.com");
        assertThat(SmtpOutcome.of(new AuthenticationFailedException("535 5.7.8 Bad credentials")).outcome())
                .isEqualTo(SendResult.Outcome.RETRY);
    }
}
