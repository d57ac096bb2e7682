package dev.pacer.alert.mail;

import dev.pacer.events.AlertState;
import dev.pacer.events.AlertStateChanged;
import dev.pacer.events.Severity;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The mail of one notification group, as Alertmanager writes it: a subject such as
 * {@code [FIRING:2] CRITICAL 新增客户数 behind pace — Pacer} (status and firing count, highest severity, the rules'
 * names), a plain-text body and an HTML alternative listing each alert (rule, subject, status, severity, summary,
 * evidence, ids, times; everything user-supplied escaped in the HTML). Its {@code Message-ID} is made from the
 * delivery id, so every retry of a delivery is the same message. Plain Java (Jakarta Mail's MIME classes only).
 */
public record AlertMail(UUID deliveryId, String subject, String text, String html) {
    public static final String DELIVERY_HEADER = "X-Pacer-Delivery";
    /** The right-hand side of every Message-ID. */
    public static final String MESSAGE_ID_DOMAIN = "alert-service.pacer";
    private static final int MAX_NAMES_IN_SUBJECT = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    /** Composes the mail of {@code alerts} (the group's notifications, oldest first). */
    public static AlertMail compose(UUID deliveryId, String groupKey, boolean repeat, List<AlertStateChanged> alerts) {
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("A notification mail needs at least one alert");
        }
        return new AlertMail(deliveryId, subject(alerts), text(deliveryId, groupKey, repeat, alerts),
                html(deliveryId, groupKey, repeat, alerts));
    }

    /** {@code <delivery id@alert-service.pacer>}: the same for every attempt of a delivery. */
    public static String messageId(UUID deliveryId) {
        return "<" + deliveryId + "@" + MESSAGE_ID_DOMAIN + ">";
    }

    /**
     * The MIME message: UTF-8 throughout (the subject as RFC 2047 encoded-words when it is not ASCII),
     * multipart/alternative of text and HTML, with {@code Message-ID}, {@code X-Pacer-Delivery} and
     * {@code Auto-Submitted: auto-generated} (RFC 3834: no auto-replies).
     */
    public MimeMessage toMessage(Session session, InternetAddress from, List<InternetAddress> to, Instant date)
            throws MessagingException {
        MimeMessage m = new FixedIdMessage(session, messageId(deliveryId));
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        m.setSubject(subject, "UTF-8");
        m.setSentDate(Date.from(date));
        m.setHeader(DELIVERY_HEADER, deliveryId.toString());
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("X-Auto-Response-Suppress", "All");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8", "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    static String subject(List<AlertStateChanged> alerts) {
        long firing = alerts.stream().filter(a -> a.state() == AlertState.FIRING).count();
        String status = firing > 0 ? "[FIRING:" + firing + "]" : "[RESOLVED]";
        Severity severity = alerts.stream().filter(a -> firing == 0 || a.state() == AlertState.FIRING)
                .map(AlertStateChanged::severity).max(Comparator.naturalOrder()).orElseThrow();
        Set<String> names = new LinkedHashSet<>();
        alerts.forEach(a -> names.add(oneLine(a.ruleName())));
        String shown = names.stream().limit(MAX_NAMES_IN_SUBJECT).collect(Collectors.joining(", "));
        if (names.size() > MAX_NAMES_IN_SUBJECT) {
            shown += " and " + (names.size() - MAX_NAMES_IN_SUBJECT) + " more";
        }
        return status + " " + severity.name() + " " + shown + " — Pacer";
    }

    static String text(UUID deliveryId, String groupKey, boolean repeat, List<AlertStateChanged> alerts) {
        StringBuilder b = new StringBuilder();
        b.append(summary(alerts, repeat)).append("\n\n");
        int i = 0;
        for (AlertStateChanged a : alerts) {
            b.append(++i).append(". [").append(status(a)).append("] ").append(a.severity().name()).append(' ')
                    .append(oneLine(a.ruleName())).append('\n');
            for (Map.Entry<String, String> row : rows(a).entrySet()) {
                b.append("   ").append(String.format("%-13s", row.getKey() + ":")).append(row.getValue()).append('\n');
            }
            b.append('\n');
        }
        b.append("-- \nPacer alert-service · group ").append(groupKey).append(" · delivery ").append(deliveryId)
                .append('\n');
        return b.toString();
    }

    static String html(UUID deliveryId, String groupKey, boolean repeat, List<AlertStateChanged> alerts) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>").append(escape(subject(alerts)))
                .append("</title></head>\n<body style=\"font-family: sans-serif\">\n<p>")
                .append(escape(summary(alerts, repeat))).append("</p>\n");
        for (AlertStateChanged a : alerts) {
            String colour = a.state() == AlertState.FIRING ? "#b00020" : "#1b5e20";
            b.append("<h3 style=\"color: ").append(colour).append("\">[").append(escape(status(a))).append("] ")
                    .append(escape(a.severity().name())).append(' ').append(escape(a.ruleName())).append("</h3>\n")
                    .append("<table cellpadding=\"3\" style=\"border-collapse: collapse\">\n");
            for (Map.Entry<String, String> row : rows(a).entrySet()) {
                b.append("<tr><th align=\"left\" valign=\"top\">").append(escape(row.getKey()))
                        .append("</th><td>").append(escape(row.getValue())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("<p style=\"color: #666; font-size: small\">Pacer alert-service · group ").append(escape(groupKey))
                .append(" · delivery ").append(escape(deliveryId.toString())).append("</p>\n</body></html>\n");
        return b.toString();
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String summary(List<AlertStateChanged> alerts, boolean repeat) {
        long firing = alerts.stream().filter(a -> a.state() == AlertState.FIRING).count();
        long resolved = alerts.stream().filter(a -> a.state() == AlertState.RESOLVED).count();
        String s = plural(firing, "alert") + " firing, " + resolved + " resolved.";
        return repeat ? s + " Sent again: these alerts are still firing." : s;
    }

    private static String status(AlertStateChanged a) {
        return a.state().name() + (a.acknowledged() ? ", acknowledged" : "");
    }

    /** The facts listed for one alert, in order. */
    private static Map<String, String> rows(AlertStateChanged a) {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        rows.put("Rule", a.ruleName() + " (" + a.ruleId() + ")");
        rows.put("Subject", a.subjectKind() + " " + a.subjectId());
        rows.put("Status", status(a) + (a.previousState() == null ? "" : " (was " + a.previousState().name() + ")"));
        rows.put("Severity", a.severity().name());
        rows.put("Summary", a.reason() == null ? "" : a.reason());
        if (!a.evidence().isEmpty()) {
            rows.put("Evidence", a.evidence().entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
        if (!a.departments().isEmpty()) {
            rows.put("Departments", String.join(", ", a.departments()));
        }
        rows.put("Changed at", time(a.changedAt()));
        rows.put("Alert id", a.alertId());
        rows.put("Fingerprint", a.fingerprint());
        if (!a.labels().isEmpty()) {
            rows.put("Labels", a.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        return rows;
    }

    private static String value(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(v);
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(ZoneOffset.UTC).format(TIME);
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** A header-safe single line: control characters (CR, LF, tabs) become spaces. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    /** A message whose Message-ID is ours, not one Jakarta Mail makes up on {@code saveChanges()}. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
