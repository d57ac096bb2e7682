package dev.pacer.alert.mail;

import dev.pacer.alert.notify.SendResult;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * What a failed SMTP send means for the delivery queue. Plain Java.
 * <ul>
 * <li>Some recipients accepted the mail (others refused): delivered; the refused ones are noted on the attempt
 * (sending again would duplicate the mail for those who have it).</li>
 * <li>Every reply the server gave is a permanent 5xx (every recipient refused, or the message itself refused): given
 * up at once. RFC 5321 says the same command will fail again, so retrying eight times over hours only delays the
 * record of it.</li>
 * <li>Anything else, i.e. a 4xx reply (try later: greylisting, a full mailbox, a busy server), no reply (connection
 * refused, timeout, TLS failure) or failed authentication (configuration, fixable without losing the mail): retried
 * with backoff.</li>
 * </ul>
 */
public final class SmtpOutcome {
    private SmtpOutcome() {
    }

    public static SendResult of(MessagingException e) {
        List<Failure> failures = failures(e);
        Integer code = failures.stream().map(Failure::code).filter(c -> c > 0).reduce((a, b) -> b).orElse(null);
        String detail = failures.isEmpty() ? SendResult.describe(e)
                : failures.stream().map(Failure::toString).distinct().collect(Collectors.joining("; "));
        if (e instanceof SendFailedException s && notEmpty(s.getValidSentAddresses())) {
            return SendResult.delivered(250, "accepted for " + addresses(s.getValidSentAddresses())
                    + "; not for: " + detail);
        }
        boolean permanent = !failures.isEmpty() && failures.stream().allMatch(f -> f.code() >= 500 && f.code() < 600);
        return permanent ? SendResult.permanent(code, "SMTP server refused for good: " + detail)
                : SendResult.retry(code, code == null ? detail : "SMTP server answered " + detail);
    }

    /** The server replies in the exception chain: a refused recipient or a refused command, each with its code. */
    private static List<Failure> failures(MessagingException e) {
        List<Failure> out = new ArrayList<>();
        Set<Exception> seen = new LinkedHashSet<>();
        Exception next = e;
        while (next != null && seen.add(next)) {
            if (next instanceof SMTPAddressFailedException a) {
                out.add(new Failure(a.getReturnCode(), a.getAddress() + ": " + reply(a.getMessage())));
            } else if (next instanceof SMTPSendFailedException s) {
                out.add(new Failure(s.getReturnCode(), s.getCommand() + ": " + reply(s.getMessage())));
            }
            next = next instanceof MessagingException m ? m.getNextException() : null;
        }
        return out;
    }

    private static String reply(String message) {
        return message == null ? "" : message.strip();
    }

    private static boolean notEmpty(Address[] a) {
        return a != null && a.length > 0;
    }

    private static String addresses(Address[] a) {
        return Arrays.stream(a).map(Address::toString).collect(Collectors.joining(", "));
    }

    private record Failure(int code, String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
