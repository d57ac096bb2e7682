package dev.pacer.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.events.Severity;
import dev.pacer.platform.problem.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelsTest {
    private static ChannelDefinition channel(String url, String secret) {
        return new ChannelDefinition("Sales on-call", null, url, secret, null, List.of("sales"),
                List.of(Severity.CRITICAL), true, null, null, null, null);
    }

    private static ChannelDefinition email(List<String> recipients) {
        return new ChannelDefinition("Sales mail", ChannelType.EMAIL, null, null, recipients, List.of("sales"),
                List.of(Severity.CRITICAL), true, null, null, null, null);
    }

    private static ChannelDefinition groupedBy(List<String> groupBy) {
        return new ChannelDefinition("Sales on-call", null, "https://h.example.com", "0123456789abcdef", null,
                List.of("sales"), List.of(Severity.CRITICAL), true, groupBy, null, null, null);
    }

    private static List<String> fields(ChannelDefinition d) {
        return Channels.violations(d, true).stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void httpAndHttpsUrlsWithAHostAreAccepted() {
        assertThat(Channels.urlProblem("https://hooks.example.com/pacer/sales?x=1")).isEmpty();
        assertThat(Channels.urlProblem("http://127.0.0.1:8099/hook")).isEmpty();
        assertThat(Channels.urlProblem("HTTPS://hooks.example.com")).isEmpty();
    }

    @Test
    void otherSchemesRelativeUrlsAndGarbageAreRefused() {
        assertThat(Channels.urlProblem("ftp://hooks.example.com/x")).hasValueSatisfying(m -> assertThat(m).contains("http or https"));
        assertThat(Channels.urlProblem("file:///etc/passwd")).hasValueSatisfying(m -> assertThat(m).contains("http or https"));
        assertThat(Channels.urlProblem("/relative/path")).hasValueSatisfying(m -> assertThat(m).contains("http or https"));
        assertThat(Channels.urlProblem("https:///no-host")).hasValueSatisfying(m -> assertThat(m).contains("host"));
        assertThat(Channels.urlProblem("https://exa mple.com")).hasValueSatisfying(m -> assertThat(m).contains("not a valid URL"));
        assertThat(Channels.urlProblem("https://" + "a".repeat(Channels.MAX_URL_LENGTH))).isPresent();
    }

    @Test
    void credentialsInTheUrlAreRefusedBecauseEveryReaderWouldSeeThem() {
        assertThat(Channels.urlProblem("https://user:pass@hooks.example.com/x"))
                .hasValueSatisfying(m -> assertThat(m).contains("credentials"));
    }

    @Test
    void aSecretIsRequiredOnCreateAndOptionalOnUpdate() {
        assertThat(Channels.violations(channel("https://h.example.com", null), true))
                .extracting(Problem.FieldError::field).containsExactly("secret");
        assertThat(Channels.violations(channel("https://h.example.com", null), false)).isEmpty();
        assertThat(Channels.violations(channel("https://h.example.com", " ".repeat(20)), false))
                .extracting(Problem.FieldError::field).containsExactly("secret");
        assertThat(Channels.violations(channel("ftp://h.example.com", "0123456789abcdef"), true))
                .extracting(Problem.FieldError::field).containsExactly("url");
    }

    @Test
    void aWebhookIsTheDefaultTypeAndMayNotNameRecipients() {
        assertThat(channel("https://h.example.com", "0123456789abcdef").effectiveType()).isEqualTo(ChannelType.WEBHOOK);
        ChannelDefinition both = new ChannelDefinition("x", ChannelType.WEBHOOK, "https://h.example.com",
                "0123456789abcdef", List.of("a@example.com"), List.of("sales"), List.of(Severity.CRITICAL), true, null,
                null, null, null);
        assertThat(fields(both)).containsExactly("recipients");
        assertThat(fields(channel(null, "0123456789abcdef"))).containsExactly("url");
    }

    @Test
    void anEmailChannelNeedsValidDistinctRecipientsAndNoUrlOrSecret() {
        assertThat(fields(email(List.of("oncall@example.com", "mia.wong+alerts@sales.example.co")))).isEmpty();
        assertThat(fields(email(null))).containsExactly("recipients");
        assertThat(fields(email(List.of()))).containsExactly("recipients");
        assertThat(fields(email(List.of("oncall@example.com", "no-at-sign")))).containsExactly("recipients[1]");
        assertThat(fields(email(List.of("a@example.com", "A@Example.com")))).containsExactly("recipients[1]");
        assertThat(fields(email(List.of("Mia <mia@example.com>")))).containsExactly("recipients[0]");
        assertThat(fields(email(List.of("a@example.com\r\nBcc: b@example.com")))).containsExactly("recipients[0]");
        assertThat(fields(email(List.of("a@", "@example.com", "a@b..com")))).containsExactly("recipients[0]",
                "recipients[1]", "recipients[2]");
        assertThat(fields(email(java.util.stream.IntStream.range(0, Channels.MAX_RECIPIENTS + 1)
                .mapToObj(i -> "r" + i + "@example.com").toList()))).containsExactly("recipients");
        ChannelDefinition withWebhookFields = new ChannelDefinition("x", ChannelType.EMAIL, "https://h.example.com",
                "0123456789abcdef", List.of("a@example.com"), List.of("sales"), List.of(Severity.CRITICAL), true,
                null, null, null, null);
        assertThat(fields(withWebhookFields)).containsExactly("url", "secret");
    }

    @Test
    void groupByNamesDistinctLabelsOrAllLabelsAlone() {
        assertThat(fields(groupedBy(List.of("department", "team")))).isEmpty();
        assertThat(fields(groupedBy(List.of()))).isEmpty();
        assertThat(fields(groupedBy(List.of("...")))).isEmpty();
        assertThat(fields(groupedBy(List.of("...", "rule")))).containsExactly("groupBy");
        assertThat(fields(groupedBy(List.of("team", "team")))).containsExactly("groupBy");
        assertThat(fields(groupedBy(List.of("9lives")))).containsExactly("groupBy");
        assertThat(fields(groupedBy(List.of("has space")))).containsExactly("groupBy");
    }
}
