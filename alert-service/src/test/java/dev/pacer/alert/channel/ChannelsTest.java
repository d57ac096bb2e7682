package dev.pacer.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.events.Severity;
import dev.pacer.platform.problem.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelsTest {
    private static ChannelDefinition channel(String url, String secret) {
        return new ChannelDefinition("Sales on-call", url, secret, List.of("sales"), List.of(Severity.CRITICAL), true, null, null,
                null);
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
}
