package dev.pacer.platform.problem;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemExceptionTest {
    @Test
    void headersAreAddedToACopyInOrderAndReplacedByName() {
        ProblemException plain = new ProblemException(503, "records-not-stored", "Service unavailable", "retry");
        ProblemException later = plain.withHeader("Retry-After", "5").withHeader("X-Other", "1")
                .withHeader("Retry-After", "7");

        assertThat(plain.headers()).isEmpty();
        assertThat(later.problem()).isSameAs(plain.problem());
        assertThat(later.getMessage()).isEqualTo("retry");
        assertThat(later.headers()).containsExactly(entry("Retry-After", "7"), entry("X-Other", "1"));
    }
}
