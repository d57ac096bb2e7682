package dev.pacer.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final byte[] BODY = "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8);

    private static String fp(String dataset, String system, String version, byte[] body) {
        return Idempotency.fingerprint(dataset, BatchFormat.JSON_ARRAY, system, version, body);
    }

    @Test
    void theFingerprintCoversDatasetFormatParametersAndBody() {
        String base = fp("orders", null, null, BODY);
        assertThat(fp("orders", null, null, BODY.clone())).isEqualTo(base).hasSize(64);
        assertThat(fp("leads", null, null, BODY)).isNotEqualTo(base);
        assertThat(fp("orders", "crm", null, BODY)).isNotEqualTo(base);
        assertThat(fp("orders", null, "5", BODY)).isNotEqualTo(base);
        assertThat(fp("orders", null, null, "[{\"id\":2}]".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(base);
        assertThat(Idempotency.fingerprint("orders", BatchFormat.NDJSON, null, null, BODY)).isNotEqualTo(base);
        // parts are delimited: moving text between them changes the fingerprint
        assertThat(fp("ab", "c", null, BODY)).isNotEqualTo(fp("a", "bc", null, BODY));
    }

    @Test
    void theSameCompletedRequestIsReplayed() {
        Idempotency.Entry seen = new Idempotency.Entry("f", "{\"accepted\":1}", T0);
        assertThat(Idempotency.decide(seen, "f", T0.plusSeconds(3600), LEASE)).isEqualTo(Idempotency.Decision.REPLAY);
    }

    @Test
    void aDifferentRequestWithTheKeyIs422() {
        Idempotency.Entry seen = new Idempotency.Entry("f", "{}", T0);
        assertThatThrownBy(() -> Idempotency.decide(seen, "g", T0, LEASE))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(422));
    }

    @Test
    void theSameRequestStillRunningIs409UntilItsLeaseExpires() {
        Idempotency.Entry running = new Idempotency.Entry("f", null, T0);
        assertThatThrownBy(() -> Idempotency.decide(running, "f", T0.plusSeconds(60), LEASE))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(409));
        assertThat(Idempotency.decide(running, "f", T0.plusSeconds(121), LEASE))
                .isEqualTo(Idempotency.Decision.TAKE_OVER);
    }

    @Test
    void keysAreShortVisibleAscii() {
        assertThatCode(() -> Idempotency.checkKey("7f1d2c1e-5b1a-4c47-9a53-2b8f0f3f6c10")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Idempotency.checkKey("")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Idempotency.checkKey("has space")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Idempotency.checkKey("k".repeat(256)))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().errors().get(0).field()).isEqualTo("Idempotency-Key"));
    }
}
