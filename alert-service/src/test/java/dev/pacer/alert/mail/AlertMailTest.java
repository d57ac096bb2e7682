package dev.pacer.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.events.AlertState;
import dev.pacer.events.AlertStateChanged;
import dev.pacer.events.Severity;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The mail of a notification group, composed without any server (plain unit test). */
class AlertMailTest {
    private static final UUID DELIVERY = UUID.fromString("3b1f8a52-0d4e-4c6f-9a7b-2e5d1c0f8a93");
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 14, 9, 30, 0, 0, ZoneOffset.UTC);
    private static final Session SESSION = Session.getInstance(new Properties());

    private static AlertStateChanged alert(String id, String rule, Severity severity, AlertState state) {
        return new AlertStateChanged(id, "fp-" + id, "rule-" + id, rule, severity, state,
                state == AlertState.RESOLVED ? AlertState.FIRING : AlertState.PENDING, false, "goal", "g-customers",
                List.of("sales"), Map.of("alertname", rule, "team", "emea"), "off track for 3 evaluations",
                Map.of("value", new BigDecimal("3"), "expectation", new BigDecimal("2"), "ruleKind", "goal_pace"), AT);
    }

    @Test
    void theSubjectCountsFiringAlertsAndNamesTheHighestSeverityAndTheRules() {
        AlertMail mail = AlertMail.compose(DELIVERY, "r-1", false, List.of(
                alert("a-1", "新增客户数 behind pace", Severity.CRITICAL, AlertState.FIRING),
                alert("a-2", "新增客户数 behind pace", Severity.CRITICAL, AlertState.FIRING)));
        assertThat(mail.subject()).isEqualTo("[FIRING:2] CRITICAL 新增客户数 behind pace — Pacer");

        AlertMail mixed = AlertMail.compose(DELIVERY, "{}", false, List.of(
                alert("a-1", "Revenue behind pace", Severity.WARNING, AlertState.FIRING),
                alert("a-2", "Churn up", Severity.CRITICAL, AlertState.RESOLVED)));
        assertThat(mixed.subject()).as("severity of what fires; resolved alerts are not counted")
                .isEqualTo("[FIRING:1] WARNING Revenue behind pace, Churn up — Pacer");

        AlertMail resolved = AlertMail.compose(DELIVERY, "r-1", false,
                List.of(alert("a-1", "Revenue behind pace", Severity.WARNING, AlertState.RESOLVED)));
        assertThat(resolved.subject()).isEqualTo("[RESOLVED] WARNING Revenue behind pace — Pacer");
    }

    @Test
    void manyRulesAreShortenedAndLineBreaksCannotInjectHeaders() {
        AlertMail many = AlertMail.compose(DELIVERY, "{}", false, List.of(
                alert("a", "A", Severity.INFO, AlertState.FIRING), alert("b", "B", Severity.INFO, AlertState.FIRING),
                alert("c", "C", Severity.INFO, AlertState.FIRING), alert("d", "D", Severity.INFO, AlertState.FIRING),
                alert("e", "E", Severity.INFO, AlertState.FIRING)));
        assertThat(many.subject()).isEqualTo("[FIRING:5] INFO A, B, C and 2 more — Pacer");

        AlertMail evil = AlertMail.compose(DELIVERY, "r", false,
                List.of(alert("a", "Pace\r\nBcc: victim@example.com", Severity.INFO, AlertState.FIRING)));
        assertThat(evil.subject()).doesNotContain("\r", "\n").isEqualTo("[FIRING:1] INFO Pace Bcc: victim@example.com — Pacer");
    }

    @Test
    void theTextListsEveryAlertWithItsFacts() {
        AlertMail mail = AlertMail.compose(DELIVERY, "{team=\"emea\"}", true, List.of(
                alert("a-1", "Revenue behind pace", Severity.CRITICAL, AlertState.FIRING),
                alert("a-2", "新增客户数 behind pace", Severity.WARNING, AlertState.FIRING)));
        assertThat(mail.text()).contains("2 alerts firing, 0 resolved.", "Sent again",
                "1. [FIRING] CRITICAL Revenue behind pace", "2. [FIRING] WARNING 新增客户数 behind pace",
                "Rule:        Revenue behind pace (rule-a-1)", "Subject:     goal g-customers",
                "Summary:     off track for 3 evaluations", "value=3", "expectation=2", "ruleKind=goal_pace",
                "Alert id:    a-2", "Fingerprint: fp-a-2", "Changed at:  2026-03-14 09:30:00 UTC", "team=emea",
                "(was PENDING)", "delivery " + DELIVERY, "group {team=\"emea\"}");
    }

    @Test
    void theHtmlEscapesEverythingUserSupplied() {
        AlertStateChanged a = new AlertStateChanged("a-1", "fp-1", "r-1", "<script>alert('x')</script> & co",
                Severity.CRITICAL, AlertState.FIRING, AlertState.PENDING, false, "metric", "revenue\"><img src=x>",
                List.of("sales<b>"), Map.of("team", "<i>emea</i>"), "value < 3 & > 1",
                Map.of("note", "<a href=\"javascript:x\">click</a>"), AT);
        String html = AlertMail.compose(DELIVERY, "{team=\"<i>\"}", false, List.of(a)).html();
        assertThat(html).doesNotContain("<script>", "<img", "<i>", "<a href", "<b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co",
                        "revenue&quot;&gt;&lt;img src=x&gt;", "value &lt; 3 &amp; &gt; 1", "team=&lt;i&gt;emea&lt;/i&gt;",
                        "{team=&quot;&lt;i&gt;&quot;}");
        assertThat(AlertMail.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f");
    }

    @Test
    void theMessageIsUtf8WithEncodedWordsAndTheDeliveryIdsHeaders() throws Exception {
        AlertMail mail = AlertMail.compose(DELIVERY, "r-1", false,
                List.of(alert("a-1", "新增客户数 behind pace", Severity.CRITICAL, AlertState.FIRING)));
        MimeMessage m = mail.toMessage(SESSION, new InternetAddress("Pacer <alerts@pacer.test>"),
                List.of(new InternetAddress("oncall@example.com"), new InternetAddress("lead@example.com")),
                AT.toInstant());
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        String wire = raw.toString(StandardCharsets.ISO_8859_1);

        assertThat(wire.lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElseThrow())
                .startsWith("Subject: =?UTF-8?");
        assertThat(wire.chars().allMatch(c -> c < 128)).as("7-bit on the wire: encoded words, QP or base64").isTrue();
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(m.getHeader("Subject", null))))
                .isEqualTo("[FIRING:1] CRITICAL 新增客户数 behind pace — Pacer");
        assertThat(wire).contains("Message-ID: <" + DELIVERY + "@alert-service.pacer>", "X-Pacer-Delivery: " + DELIVERY,
                "Auto-Submitted: auto-generated", "To: oncall@example.com, lead@example.com");

        MimeMessage back = new MimeMessage(SESSION, new ByteArrayInputStream(raw.toByteArray()));
        assertThat(back.getSubject()).isEqualTo(mail.subject());
        assertThat(back.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-03-14T09:30:00Z"));
        Multipart parts = (Multipart) back.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        // line ends travel as CRLF (MIME canonical form)
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n")).isEqualTo(mail.text())
                .contains("新增客户数");
        assertThat(((String) parts.getBodyPart(1).getContent()).replace("\r\n", "\n")).isEqualTo(mail.html())
                .contains("新增客户数");
    }

    @Test
    void aRetriedDeliveryIsTheSameMessage() throws Exception {
        List<AlertStateChanged> alerts = List.of(alert("a-1", "Pace", Severity.CRITICAL, AlertState.FIRING));
        InternetAddress from = new InternetAddress("alerts@pacer.test");
        List<InternetAddress> to = List.of(new InternetAddress("oncall@example.com"));
        MimeMessage first = AlertMail.compose(DELIVERY, "r", false, alerts).toMessage(SESSION, from, to, AT.toInstant());
        MimeMessage again = AlertMail.compose(DELIVERY, "r", false, alerts).toMessage(SESSION, from, to, AT.toInstant());
        assertThat(first.getMessageID()).isEqualTo(again.getMessageID()).isEqualTo(AlertMail.messageId(DELIVERY));
        MimeMessage other = AlertMail.compose(UUID.randomUUID(), "r", false, alerts)
                .toMessage(SESSION, from, to, AT.toInstant());
        assertThat(other.getMessageID()).isNotEqualTo(first.getMessageID());
    }

    @Test
    void aGroupWithoutAlertsHasNoMail() {
        assertThatThrownBy(() -> AlertMail.compose(DELIVERY, "r", false, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
