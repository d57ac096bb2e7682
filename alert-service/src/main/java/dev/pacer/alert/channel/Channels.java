package dev.pacer.alert.channel;

import dev.pacer.platform.problem.Problem.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The rules a channel definition must follow, checked without any framework. */
public final class Channels {
    public static final int MAX_URL_LENGTH = 2000;
    public static final int MIN_SECRET_LENGTH = 16;
    public static final int MAX_SECRET_LENGTH = 512;
    /** The most recipients of an e-mail channel (a team list belongs behind one address, not fifty). */
    public static final int MAX_RECIPIENTS = 50;
    /** RFC 5321's limit of a forward path. */
    public static final int MAX_ADDRESS_LENGTH = 254;
    public static final int MAX_GROUP_BY = 20;
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
    /** The longest group wait, group interval or repeat interval. */
    public static final Duration MAX_GROUP_TIMING = Duration.ofDays(7);

    private Channels() {
    }

    /**
     * Every rule the definition breaks, each naming its field; empty when it is valid. A webhook needs a url (and, when
     * {@code creating}, a secret) and no recipients; an e-mail channel needs recipients and neither url nor secret.
     */
    public static List<FieldError> violations(ChannelDefinition d, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        if (d.effectiveType() == ChannelType.WEBHOOK) {
            if (d.url() == null || d.url().isBlank()) {
                errors.add(new FieldError("url", "must be given for a WEBHOOK channel"));
            } else {
                urlProblem(d.url()).ifPresent(m -> errors.add(new FieldError("url", m)));
            }
            if (creating && d.secret() == null) {
                errors.add(new FieldError("secret", "must be given when a webhook channel is created (or a channel becomes one)"));
            }
            if (d.secret() != null && d.secret().isBlank()) {
                errors.add(new FieldError("secret", "must not be blank"));
            }
            if (d.recipients() != null) {
                errors.add(new FieldError("recipients", "must be absent for a WEBHOOK channel (it has a url)"));
            }
        } else {
            if (d.url() != null) {
                errors.add(new FieldError("url", "must be absent for an EMAIL channel (it has recipients)"));
            }
            if (d.secret() != null) {
                errors.add(new FieldError("secret", "must be absent for an EMAIL channel (mails are not signed)"));
            }
            if (d.recipients() == null || d.recipients().isEmpty()) {
                errors.add(new FieldError("recipients", "must name at least one address for an EMAIL channel"));
            } else {
                recipients(d.recipients(), errors);
            }
        }
        if (d.groupBy() != null) {
            GroupBy.problem(d.groupBy()).ifPresent(m -> errors.add(new FieldError("groupBy", m)));
        }
        timing(d.groupWait(), "groupWait", false, errors);
        timing(d.groupInterval(), "groupInterval", false, errors);
        timing(d.repeatInterval(), "repeatInterval", true, errors);
        return errors;
    }

    private static void recipients(List<String> recipients, List<FieldError> errors) {
        if (recipients.size() > MAX_RECIPIENTS) {
            errors.add(new FieldError("recipients", "must name at most " + MAX_RECIPIENTS + " addresses"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < recipients.size(); i++) {
            String r = recipients.get(i);
            if (r == null || r.isBlank()) {
                continue; // Bean Validation names it
            }
            String field = "recipients[" + i + "]";
            Optional<String> problem = addressProblem(r);
            if (problem.isPresent()) {
                errors.add(new FieldError(field, problem.get()));
            } else if (!seen.add(r.strip().toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError(field, "names an address already listed"));
            }
        }
    }

    /**
     * What is wrong with an e-mail recipient, if anything: it must be a plain address {@code local@domain} (no display
     * name, no group, no route), at most {@value #MAX_ADDRESS_LENGTH} characters.
     */
    public static Optional<String> addressProblem(String address) {
        String a = address.strip();
        if (a.length() > MAX_ADDRESS_LENGTH) {
            return Optional.of("must be at most " + MAX_ADDRESS_LENGTH + " characters");
        }
        if (a.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("must not contain control characters");
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return Optional.of("is not an e-mail address like oncall@example.com");
        }
        try {
            InternetAddress parsed = new InternetAddress(a, true);
            parsed.validate();
            if (parsed.getPersonal() != null || parsed.isGroup() || !a.equals(parsed.getAddress())) {
                return Optional.of("must be a plain address like oncall@example.com, without a display name");
            }
        } catch (AddressException e) {
            return Optional.of("is not an e-mail address like oncall@example.com");
        }
        String domain = a.substring(at + 1);
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.of("has no valid domain");
        }
        return Optional.empty();
    }

    private static void timing(Duration d, String field, boolean positive, List<FieldError> errors) {
        if (d == null) {
            return;
        }
        if (d.isNegative() || (positive && d.isZero())) {
            errors.add(new FieldError(field, positive ? "must be positive" : "must not be negative"));
        } else if (d.getNano() != 0) {
            errors.add(new FieldError(field, "must be whole seconds"));
        } else if (d.compareTo(MAX_GROUP_TIMING) > 0) {
            errors.add(new FieldError(field, "must be at most " + MAX_GROUP_TIMING));
        }
    }

    /** What is wrong with a webhook URL, if anything: it must be an absolute http(s) URL with a host. */
    public static Optional<String> urlProblem(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL: " + e.getReason() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return Optional.of("must be an http or https URL, e.g. https://hooks.example.com/pacer");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host, e.g. https://hooks.example.com/pacer");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials (they would be shown to every reader of the channel); "
                    + "the receiver authenticates Pacer by the signature made with the secret");
        }
        return Optional.empty();
    }
}
