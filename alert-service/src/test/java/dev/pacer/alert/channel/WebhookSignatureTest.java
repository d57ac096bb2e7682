package dev.pacer.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.alert.channel.WebhookSignature.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final String SECRET = "whsec_test_secret_123";
    private static final String BODY = "{\"alert\":\"GoalOffTrack\"}";
    private static final Instant SENT = Instant.ofEpochSecond(1_767_225_600L);
    private final WebhookSignature signature = new WebhookSignature(SECRET);

    @Test
    void signsTheTimestampAndBodyWithHmacSha256() {
        // computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test_secret_123',
        //   b'1767225600.{\"alert\":\"GoalOffTrack\"}', hashlib.sha256).hexdigest())"
        assertThat(signature.sign(SENT.plusMillis(999), BODY)).isEqualTo(
                "t=1767225600,v1=88e21e18ea733ee0cf4164b609bc697b9bb2ff5db009da06edfb0104a7870d6c");
    }

    @Test
    void aSignatureVerifiesWithinTheTolerance() {
        String header = signature.sign(SENT, BODY);
        assertThat(signature.check(header, BODY, SENT)).isEqualTo(Verification.VALID);
        assertThat(signature.check(header, BODY, SENT.plus(Duration.ofMinutes(5)))).isEqualTo(Verification.VALID);
        assertThat(signature.check(header, BODY, SENT.minus(Duration.ofMinutes(5)))).isEqualTo(Verification.VALID);
        assertThat(signature.verify(header, BODY.getBytes(StandardCharsets.UTF_8), SENT.plusSeconds(30),
                Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void anOldOrFutureSignatureIsRefusedAsAPossibleReplay() {
        String header = signature.sign(SENT, BODY);
        assertThat(signature.check(header, BODY, SENT.plus(Duration.ofMinutes(5)).plusSeconds(1)))
                .isEqualTo(Verification.OUTSIDE_TOLERANCE);
        assertThat(signature.check(header, BODY, SENT.minus(Duration.ofMinutes(6))))
                .isEqualTo(Verification.OUTSIDE_TOLERANCE);
        assertThat(signature.verify(header, BODY.getBytes(StandardCharsets.UTF_8), SENT.plusSeconds(31),
                Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void anAlteredBodyAnotherSecretOrAnAlteredTimeDoNotVerify() {
        String header = signature.sign(SENT, BODY);
        assertThat(signature.check(header, BODY.replace("Off", "On"), SENT)).isEqualTo(Verification.MISMATCH);
        assertThat(new WebhookSignature("another_secret_456").check(header, BODY, SENT)).isEqualTo(Verification.MISMATCH);
        String movedTime = header.replace("t=1767225600", "t=1767225601");
        assertThat(signature.check(movedTime, BODY, SENT)).isEqualTo(Verification.MISMATCH);
    }

    @Test
    void malformedHeadersAreNamedSo() {
        String v1 = signature.sign(SENT, BODY).substring("t=1767225600,".length());
        assertThat(signature.check(null, BODY, SENT)).isEqualTo(Verification.MALFORMED);
        assertThat(signature.check("", BODY, SENT)).isEqualTo(Verification.MALFORMED);
        assertThat(signature.check(v1, BODY, SENT)).as("no t").isEqualTo(Verification.MALFORMED);
        assertThat(signature.check("t=1767225600", BODY, SENT)).as("no v1").isEqualTo(Verification.MALFORMED);
        assertThat(signature.check("t=soon," + v1, BODY, SENT)).isEqualTo(Verification.MALFORMED);
        assertThat(signature.check("t=1767225600,t=1767225600," + v1, BODY, SENT)).isEqualTo(Verification.MALFORMED);
        assertThat(signature.check("t=1767225600,v1=zz", BODY, SENT)).isEqualTo(Verification.MALFORMED);
        assertThat(signature.check("t=1767225600,v1=" + "g".repeat(64), BODY, SENT)).isEqualTo(Verification.MALFORMED);
    }

    @Test
    void oneMatchingV1AmongSeveralIsEnoughAndUnknownSchemesAreIgnored() {
        String ours = signature.sign(SENT, BODY);
        String rotated = new WebhookSignature("old_secret_0000000").sign(SENT, BODY).replace("t=1767225600,", "");
        String header = ours.replace(",v1=", ",v0=abc," + rotated + ",v1=") + ",v2=future-scheme";
        assertThat(signature.check(header, BODY, SENT)).isEqualTo(Verification.VALID);
        assertThat(new WebhookSignature("old_secret_0000000").check(header, BODY, SENT)).isEqualTo(Verification.VALID);
        assertThat(new WebhookSignature("third_secret_00000").check(header, BODY, SENT)).isEqualTo(Verification.MISMATCH);
    }

    @Test
    void theHeaderIsNamedAsDeliveriesSendIt() {
        assertThat(WebhookSignature.HEADER).isEqualTo("X-Pacer-Signature");
    }
}
