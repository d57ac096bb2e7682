package dev.pacer.alert.channel;

import dev.pacer.platform.problem.Problem.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The rules a channel definition must follow, checked without any framework. */
public final class Channels {
    public static final int MAX_URL_LENGTH = 2000;
    public static final int MIN_SECRET_LENGTH = 16;
    public static final int MAX_SECRET_LENGTH = 512;
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
    /** The longest group wait, group interval or repeat interval. */
    public static final Duration MAX_GROUP_TIMING = Duration.ofDays(7);

    private Channels() {
    }

    /** Every rule the definition breaks, each naming its field; empty when it is valid. */
    public static List<FieldError> violations(ChannelDefinition d, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        if (d.url() != null) {
            urlProblem(d.url()).ifPresent(m -> errors.add(new FieldError("url", m)));
        }
        if (creating && d.secret() == null) {
            errors.add(new FieldError("secret", "must be given when a channel is created"));
        }
        if (d.secret() != null && d.secret().isBlank()) {
            errors.add(new FieldError("secret", "must not be blank"));
        }
        timing(d.groupWait(), "groupWait", false, errors);
        timing(d.groupInterval(), "groupInterval", false, errors);
        timing(d.repeatInterval(), "repeatInterval", true, errors);
        return errors;
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
